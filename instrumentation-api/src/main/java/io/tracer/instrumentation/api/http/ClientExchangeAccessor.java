package io.tracer.instrumentation.api.http;

/**
 * How one HTTP client library exposes an outgoing request and its response. Implemented once per library
 * (JDK HttpClient, HttpURLConnection, OkHttp, Apache HttpClient); the span logic in {@link HttpClientTracer} is
 * shared by all of them. Headers are written by the library's own setter, handed to {@link HttpClientTracer#inject}.
 */
public interface ClientExchangeAccessor<REQUEST, RESPONSE> {

  String method(REQUEST request);

  /** The absolute URL as the library holds it, user info and query included; the tracer sanitizes it. */
  String url(REQUEST request);

  String serverAddress(REQUEST request);

  /** The port the request goes to, the scheme's default when the URL names none; {@code -1} when unknown. */
  int serverPort(REQUEST request);

  int statusCode(RESPONSE response);
}
