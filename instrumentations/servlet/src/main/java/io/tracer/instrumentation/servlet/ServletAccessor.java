package io.tracer.instrumentation.servlet;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.ServerExchangeAccessor;

/** What the servlet span logic needs beyond plain HTTP: request attributes and async completion. */
public interface ServletAccessor<REQUEST, RESPONSE> extends ServerExchangeAccessor<REQUEST, RESPONSE> {

  /**
   * The path before a framework's own routing starts: the context path, and the servlet path too when the
   * framework's servlet is mapped by prefix ({@code /api/*}).
   */
  String routePrefix(REQUEST request);

  Object getAttribute(REQUEST request, String name);

  void setAttribute(REQUEST request, String name, Object value);

  boolean isAsyncStarted(REQUEST request);

  /** Ends the span of {@code context} when the request's async processing completes. */
  void endOnAsyncCompletion(REQUEST request, RESPONSE response, Context context, ServletServerSpans<REQUEST, RESPONSE> spans);
}
