package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.tracer.instrumentation.api.bridge.AgentSpans;
import java.util.concurrent.TimeUnit;

/** An agent span, as the application's API sees it. */
final class BridgedSpan implements Span {

  final Object agentSpan;
  private volatile SpanContext spanContext;

  BridgedSpan(Object agentSpan) {
    this.agentSpan = agentSpan;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    if (key != null && key.getKey() != null && !key.getKey().isEmpty()) {
      AgentSpans.setAttribute(agentSpan, key.getKey(), key.getType().name(), value);
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    if (name != null) {
      AgentSpans.addEvent(agentSpan, name, ApplicationAttributes.flat(attributes), AgentSpans.NOW);
    }
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    if (name != null && unit != null) {
      AgentSpans.addEvent(agentSpan, name, ApplicationAttributes.flat(attributes), unit.toNanos(timestamp));
    }
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode != null) {
      AgentSpans.setStatus(agentSpan, statusCode.name(), description);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    if (exception != null) {
      AgentSpans.recordException(agentSpan, exception, ApplicationAttributes.flat(additionalAttributes));
    }
    return this;
  }

  @Override
  public Span updateName(String name) {
    if (name != null) {
      AgentSpans.updateName(agentSpan, name);
    }
    return this;
  }

  /** API 1.37+; on older APIs an unused extra method. */
  @Override
  public Span addLink(SpanContext linked, Attributes attributes) {
    if (linked != null && linked.isValid()) {
      AgentSpans.addLink(agentSpan, ApplicationSpanContexts.toAgent(linked), ApplicationAttributes.flat(attributes));
    }
    return this;
  }

  @Override
  public void end() {
    AgentSpans.end(agentSpan, AgentSpans.NOW);
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    AgentSpans.end(agentSpan, unit == null ? AgentSpans.NOW : unit.toNanos(timestamp));
  }

  @Override
  public SpanContext getSpanContext() {
    SpanContext context = spanContext;
    if (context == null) {
      context = ApplicationSpanContexts.fromAgent(AgentSpans.spanContext(agentSpan));
      spanContext = context;
    }
    return context;
  }

  @Override
  public boolean isRecording() {
    return AgentSpans.isRecording(agentSpan);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BridgedSpan && ((BridgedSpan) other).agentSpan == agentSpan;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(agentSpan);
  }

  @Override
  public String toString() {
    return "BridgedSpan{" + agentSpan + "}";
  }
}
