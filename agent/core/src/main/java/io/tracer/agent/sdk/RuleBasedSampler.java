package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Decides for a root span by the first rule whose {@link OperationPattern} matches it, else by the default sampler.
 * Rules are tried in the order written; each has its own ratio or rate-limiting sampler.
 */
final class RuleBasedSampler implements Sampler {

  private static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  private final OperationPattern[] patterns;
  private final Sampler[] samplers;
  private final Sampler defaultSampler;

  RuleBasedSampler(List<OperationPattern> patterns, List<Sampler> samplers, Sampler defaultSampler) {
    this.patterns = patterns.toArray(new OperationPattern[0]);
    this.samplers = samplers.toArray(new Sampler[0]);
    this.defaultSampler = defaultSampler;
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    return samplerFor(name, attributes).shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  Sampler samplerFor(String name, Attributes attributes) {
    if (patterns.length == 0) {
      return defaultSampler;
    }
    String method = null;
    String path = null;
    if (attributes != null) {
      method = attributes.get(HTTP_METHOD);
      path = method == null ? null : attributes.get(URL_PATH);
    }
    for (int i = 0; i < patterns.length; i++) {
      if (patterns[i].matches(name, method, path)) {
        return samplers[i];
      }
    }
    return defaultSampler;
  }

  @Override
  public String getDescription() {
    StringBuilder description = new StringBuilder("RuleBased{");
    for (int i = 0; i < patterns.length; i++) {
      description.append(patterns[i]).append(':').append(samplers[i].getDescription()).append(',');
    }
    return description.append("default:").append(defaultSampler.getDescription()).append('}').toString();
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
