package io.tracer.agent.sdk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.tracer.agent.protection.CircuitBreaker;
import java.util.List;

/**
 * Drops every new local root while the {@link CircuitBreaker} is open: a span with no parent, or with a parent from
 * another process, and every span under a parent that is not recorded. Spans under a recorded local parent follow
 * it, so traces under way end whole. Closed, it costs one
 * volatile read before the configured sampler decides.
 */
final class CircuitBreakerSampler implements Sampler {

  private final Sampler delegate;
  private final CircuitBreaker breaker;

  CircuitBreakerSampler(Sampler delegate, CircuitBreaker breaker) {
    this.delegate = delegate;
    this.breaker = breaker;
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    if (breaker.isOpen()) {
      Span parentSpan = Span.fromContext(parentContext);
      SpanContext parent = parentSpan.getSpanContext();
      if (!parent.isValid() || parent.isRemote()) {
        breaker.traceSkipped();
        return SamplingResult.drop();
      }
      if (!parentSpan.isRecording()) {
        // under a root dropped here: without this, a sampler that records dropped traces would hold its spans
        return SamplingResult.drop();
      }
    }
    return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "CircuitBreaker{" + delegate.getDescription() + "}";
  }
}
