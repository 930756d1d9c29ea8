package io.tracer.agent.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.tracer.instrumentation.api.CorrelationId;

/**
 * Every span started in a context that carries a correlation id (a baggage entry, see {@link CorrelationId}) gets
 * it as {@code correlation.id}: one baggage lookup per span start, whichever module or application starts it.
 */
public final class CorrelationIdSpanProcessor implements SpanProcessor {

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    String correlationId = CorrelationId.of(parentContext);
    if (correlationId != null) {
      span.setAttribute(CorrelationId.SPAN_ATTRIBUTE, correlationId);
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
