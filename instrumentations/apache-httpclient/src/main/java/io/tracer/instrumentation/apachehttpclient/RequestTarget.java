package io.tracer.instrumentation.apachehttpclient;

/** The parts of a request's URL that both versions' accessors derive from their host and request line. */
public final class RequestTarget {

  private RequestTarget() {}

  /** {@code uri} when it is absolute, else {@code origin} (scheme, host, port) followed by it. */
  public static String absoluteUrl(String origin, String uri) {
    if (uri == null || isAbsolute(uri) || origin == null) {
      return uri;
    }
    return uri.startsWith("/") ? origin + uri : origin + "/" + uri;
  }

  public static int portOrDefault(int port, String scheme) {
    if (port > 0) {
      return port;
    }
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private static boolean isAbsolute(String uri) {
    return uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8);
  }
}
