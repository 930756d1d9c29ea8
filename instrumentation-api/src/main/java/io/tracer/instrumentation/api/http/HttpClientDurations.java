package io.tracer.instrumentation.api.http;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;

/**
 * {@code http.client.request.duration}, in seconds, for every request that gets a CLIENT span, sampled or not.
 * Exists only while metrics are on; then each request carries one small {@link Start} (in the context entry that
 * marks it as a client request anyway), and its end builds one attribute set.
 */
final class HttpClientDurations {

  private final DoubleHistogram duration;

  private HttpClientDurations(DoubleHistogram duration) {
    this.duration = duration;
  }

  static HttpClientDurations create(Meter meter) {
    return new HttpClientDurations(meter.histogramBuilder("http.client.request.duration")
        .setUnit("s")
        .setDescription("Duration of HTTP client requests.")
        .setExplicitBucketBoundariesAdvice(HttpDurationBuckets.SECONDS)
        .build());
  }

  /** @param port {@code 0} or less when unknown */
  static Start started(String method, String serverAddress, int port) {
    return new Start(System.nanoTime(), method, serverAddress, port > 0 ? Long.valueOf(port) : null);
  }

  /** @param status {@code 0} when no response arrived; {@code errorType} null without error */
  void ended(Start start, int status, String errorType) {
    double seconds = (System.nanoTime() - start.nanos) / HttpDurationBuckets.NANOS_PER_SECOND;
    AttributesBuilder attributes = Attributes.builder().put(HttpClientTracer.METHOD, start.method);
    HttpServerDurations.putIfPresent(attributes, HttpClientTracer.SERVER_ADDRESS, start.serverAddress);
    HttpServerDurations.putIfPresent(attributes, HttpClientTracer.ERROR_TYPE, errorType);
    if (start.serverPort != null) {
      attributes.put(HttpClientTracer.SERVER_PORT, start.serverPort);
    }
    if (status > 0) {
      attributes.put(HttpClientTracer.STATUS_CODE, HttpDurationBuckets.statusCode(status));
    }
    duration.record(seconds, attributes.build());
  }

  static final class Start {
    final long nanos;
    /** Changed by {@link HttpClientTracer#refreshMethod}, on the thread that sends the request. */
    String method;
    final String serverAddress;
    final Long serverPort;

    Start(long nanos, String method, String serverAddress, Long serverPort) {
      this.nanos = nanos;
      this.method = method;
      this.serverAddress = serverAddress;
      this.serverPort = serverPort;
    }
  }
}
