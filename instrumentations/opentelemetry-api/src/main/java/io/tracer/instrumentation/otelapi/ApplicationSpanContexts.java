package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.tracer.instrumentation.api.bridge.AgentSpans;

/** Span contexts, between the application's API and the agent's: ids, flags, remoteness and trace state. */
final class ApplicationSpanContexts {

  private ApplicationSpanContexts() {}

  static SpanContext fromAgent(Object agentSpanContext) {
    String traceId = AgentSpans.traceId(agentSpanContext);
    String spanId = AgentSpans.spanId(agentSpanContext);
    TraceFlags flags = TraceFlags.fromByte(AgentSpans.traceFlags(agentSpanContext));
    TraceState traceState = traceState(AgentSpans.traceState(agentSpanContext));
    return AgentSpans.isRemote(agentSpanContext)
        ? SpanContext.createFromRemoteParent(traceId, spanId, flags, traceState)
        : SpanContext.create(traceId, spanId, flags, traceState);
  }

  static Object toAgent(SpanContext spanContext) {
    return AgentSpans.newSpanContext(spanContext.getTraceId(), spanContext.getSpanId(),
        spanContext.getTraceFlags().asByte(), spanContext.isRemote(), entries(spanContext.getTraceState()));
  }

  /** An agent span that only carries the context of a span the agent did not make. */
  static Object toAgentSpan(SpanContext spanContext) {
    return AgentSpans.wrap(toAgent(spanContext));
  }

  static boolean sameSpan(SpanContext spanContext, Object agentSpan) {
    Object agentSpanContext = AgentSpans.spanContext(agentSpan);
    return spanContext.getSpanId().equals(AgentSpans.spanId(agentSpanContext))
        && spanContext.getTraceId().equals(AgentSpans.traceId(agentSpanContext));
  }

  private static TraceState traceState(String[] entries) {
    if (entries.length == 0) {
      return TraceState.getDefault();
    }
    TraceStateBuilder builder = TraceState.builder();
    // the builder puts each new key first: add from the last to keep the order
    for (int i = entries.length - 2; i >= 0; i -= 2) {
      builder.put(entries[i], entries[i + 1]);
    }
    return builder.build();
  }

  private static String[] entries(TraceState traceState) {
    if (traceState.isEmpty()) {
      return new String[0];
    }
    final String[] entries = new String[traceState.size() * 2];
    final int[] next = {0};
    traceState.forEach((key, value) -> {
      entries[next[0]++] = key;
      entries[next[0]++] = value;
    });
    return entries;
  }
}
