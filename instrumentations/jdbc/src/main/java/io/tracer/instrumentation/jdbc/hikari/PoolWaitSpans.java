package io.tracer.instrumentation.jdbc.hikari;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;

/**
 * INTERNAL spans for the time a request waits for a pooled connection (and, when the pool is empty, for a new one
 * to be opened). Only inside a trace: a pool's own threads and untraced code get none.
 */
final class PoolWaitSpans {

  static final String NAME = "wait for pooled connection";
  static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("db.client.connection.pool.name");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final Tracer TRACER = AgentServices.tracer("jdbc");

  private PoolWaitSpans() {}

  /** @return the started span, or {@code null} outside a trace */
  static Span start(String poolName) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return null;
    }
    Span span = TRACER.spanBuilder(NAME).setSpanKind(SpanKind.INTERNAL).setParent(parent).startSpan();
    if (poolName != null) {
      span.setAttribute(POOL_NAME, poolName);
    }
    return span;
  }

  static void end(Span span, Throwable thrown) {
    if (thrown != null) {
      span.recordException(thrown);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, thrown.getClass().getName());
    }
    span.end();
  }
}
