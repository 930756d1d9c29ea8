package io.tracer.instrumentation.api.http;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** What the server and client request-duration histograms share: the stable conventions' buckets, boxed codes. */
final class HttpDurationBuckets {

  static final List<Double> SECONDS = Collections.unmodifiableList(Arrays.asList(
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0));
  static final double NANOS_PER_SECOND = 1e9;

  private static final int FIRST_CODE = 100;
  private static final Long[] STATUS_CODES = new Long[500];

  static {
    for (int i = 0; i < STATUS_CODES.length; i++) {
      STATUS_CODES[i] = (long) (FIRST_CODE + i);
    }
  }

  private HttpDurationBuckets() {}

  /** The status code as the attribute's value, boxed once for the codes HTTP defines rather than per request. */
  static Long statusCode(int status) {
    int index = status - FIRST_CODE;
    return index >= 0 && index < STATUS_CODES.length ? STATUS_CODES[index] : Long.valueOf(status);
  }
}
