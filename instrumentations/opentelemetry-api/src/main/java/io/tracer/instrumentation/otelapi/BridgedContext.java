package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.tracer.instrumentation.api.bridge.AgentContexts;

/**
 * An application context that is an agent context: its span and baggage are the agent's, every other entry is the
 * application's own, kept in {@code applicationEntries}.
 */
final class BridgedContext implements Context {

  final Object agentContext;
  /** The application's own entries; may also hold a span of another implementation the application made current. */
  final Context applicationEntries;

  BridgedContext(Object agentContext, Context applicationEntries) {
    this.agentContext = agentContext;
    this.applicationEntries = applicationEntries;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    if (key == ApplicationContexts.SPAN_KEY) {
      return (V) ApplicationContexts.applicationSpan(AgentContexts.span(agentContext),
          (Span) applicationEntries.get(key));
    }
    if (key == ApplicationContexts.BAGGAGE_KEY) {
      return (V) ApplicationContexts.applicationBaggage(AgentContexts.baggage(agentContext));
    }
    return applicationEntries.get(key);
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    if (key == ApplicationContexts.SPAN_KEY && value instanceof Span) {
      Span span = (Span) value;
      Object agentSpan = ApplicationContexts.agentSpan(span);
      // a span of the bridge is the agent's: kept there only; any other is also kept as itself, for Span.current()
      Context entries = span instanceof BridgedSpan ? applicationEntries : applicationEntries.with(key, value);
      return new BridgedContext(AgentContexts.withSpan(agentContext, agentSpan), entries);
    }
    if (key == ApplicationContexts.BAGGAGE_KEY && value instanceof Baggage) {
      return new BridgedContext(
          AgentContexts.withBaggage(agentContext, ApplicationContexts.baggageEntries((Baggage) value)),
          applicationEntries);
    }
    return new BridgedContext(agentContext, applicationEntries.with(key, value));
  }

  @Override
  public String toString() {
    return "BridgedContext{agent=" + agentContext + ", application=" + applicationEntries + "}";
  }
}
