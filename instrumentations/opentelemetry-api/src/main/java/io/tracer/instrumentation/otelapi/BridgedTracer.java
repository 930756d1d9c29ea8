package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;

/** A tracer of the agent's SDK, under the application's own instrumentation scope. */
final class BridgedTracer implements Tracer {

  private final Object agentTracer;

  BridgedTracer(Object agentTracer) {
    this.agentTracer = agentTracer;
  }

  @Override
  public SpanBuilder spanBuilder(String spanName) {
    return new BridgedSpanBuilder(agentTracer, spanName);
  }
}
