package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.bridge.AgentContexts;
import io.tracer.instrumentation.api.bridge.AgentSpans;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Collects what the application says of its span, then starts it in the agent's SDK. */
final class BridgedSpanBuilder implements SpanBuilder {

  private final Object agentTracer;
  private final String name;
  private Context parent;
  private boolean noParent;
  private String kind;
  private final List<Object> attributes = new ArrayList<>();
  private final List<Object> links = new ArrayList<>();
  private long startEpochNanos = AgentSpans.NOW;

  BridgedSpanBuilder(Object agentTracer, String name) {
    this.agentTracer = agentTracer;
    this.name = name == null ? "" : name;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    if (context != null) {
      parent = context;
      noParent = false;
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    noParent = true;
    parent = null;
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return addLink(spanContext, Attributes.empty());
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes linkAttributes) {
    if (spanContext != null && spanContext.isValid()) {
      links.add(ApplicationSpanContexts.toAgent(spanContext));
      links.add(ApplicationAttributes.flat(linkAttributes));
    }
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return attribute(key, "STRING", value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return attribute(key, "LONG", value);
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return attribute(key, "DOUBLE", value);
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return attribute(key, "BOOLEAN", value);
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    return key == null ? this : attribute(key.getKey(), key.getType().name(), value);
  }

  private SpanBuilder attribute(String key, String type, Object value) {
    if (key != null && !key.isEmpty() && value != null) {
      ApplicationAttributes.add(attributes, key, type, value);
    }
    return this;
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    if (spanKind != null) {
      kind = spanKind.name();
    }
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    if (unit != null && startTimestamp >= 0) {
      startEpochNanos = unit.toNanos(startTimestamp);
    }
    return this;
  }

  @Override
  public Span startSpan() {
    Object parentContext;
    if (noParent) {
      parentContext = AgentContexts.root();
    } else {
      parentContext = ApplicationContexts.toAgent(parent != null ? parent : Context.current());
    }
    return new BridgedSpan(AgentSpans.start(agentTracer, name, parentContext, kind, attributes.toArray(),
        links.toArray(), startEpochNanos));
  }
}
