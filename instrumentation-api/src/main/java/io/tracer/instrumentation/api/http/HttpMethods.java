package io.tracer.instrumentation.api.http;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** The request methods the semantic conventions know; any other is reported as {@code _OTHER}. */
public final class HttpMethods {

  public static final String OTHER = "_OTHER";

  private static final Set<String> KNOWN =
      new HashSet<>(Arrays.asList("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"));

  private HttpMethods() {}

  public static boolean isKnown(String method) {
    return method != null && KNOWN.contains(method);
  }
}
