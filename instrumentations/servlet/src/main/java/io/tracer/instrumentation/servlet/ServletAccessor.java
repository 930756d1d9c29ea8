package io.tracer.instrumentation.servlet;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.ServerExchangeAccessor;

/** What the servlet span logic needs beyond plain HTTP: request attributes and async completion. */
public interface ServletAccessor<REQUEST, RESPONSE> extends ServerExchangeAccessor<REQUEST, RESPONSE> {

  Object getAttribute(REQUEST request, String name);

  void setAttribute(REQUEST request, String name, Object value);

  boolean isAsyncStarted(REQUEST request);

  /** Ends the span of {@code context} when the request's async processing completes. */
  void endOnAsyncCompletion(REQUEST request, RESPONSE response, Context context, ServletServerSpans<REQUEST, RESPONSE> spans);
}
