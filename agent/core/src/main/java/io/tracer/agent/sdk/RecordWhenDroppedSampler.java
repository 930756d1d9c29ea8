package io.tracer.agent.sdk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Turns the head sampler's "drop" into "record, do not sample": the span is built in memory, so that
 * {@link ErrorAndSlowTraceKeeper} can still export its trace if it turns out to fail or be slow, while the trace flags
 * propagated to other services keep saying "not sampled".
 */
final class RecordWhenDroppedSampler implements Sampler {

  private final Sampler headSampler;

  RecordWhenDroppedSampler(Sampler headSampler) {
    this.headSampler = headSampler;
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    SamplingResult result = headSampler.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    return result.getDecision() == SamplingDecision.DROP ? SamplingResult.recordOnly() : result;
  }

  @Override
  public String getDescription() {
    return "RecordWhenDropped{" + headSampler.getDescription() + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
