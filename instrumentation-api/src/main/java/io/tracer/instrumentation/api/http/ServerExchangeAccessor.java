package io.tracer.instrumentation.api.http;

import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * How one server technology exposes a request and its response. Implemented once per API (javax and jakarta
 * servlets, later native servers); the span logic in {@link HttpServerTracer} is shared by all of them.
 */
public interface ServerExchangeAccessor<REQUEST, RESPONSE> extends TextMapGetter<REQUEST> {

  String method(REQUEST request);

  String scheme(REQUEST request);

  /** The path as received, without the query string. */
  String path(REQUEST request);

  /** The raw query string, or {@code null}. */
  String query(REQUEST request);

  /** The route template when the server knows it (a servlet mapping), else {@code null}. */
  String route(REQUEST request);

  String serverAddress(REQUEST request);

  int serverPort(REQUEST request);

  /** The peer's address as the socket sees it; forwarding headers are read by the tracer. */
  String peerAddress(REQUEST request);

  /** The protocol as the server names it, such as {@code HTTP/1.1}. */
  String protocol(REQUEST request);

  int statusCode(RESPONSE response);

  /** Sets a header of the response, which the application has not begun to write. */
  void setResponseHeader(RESPONSE response, String name, String value);
}
