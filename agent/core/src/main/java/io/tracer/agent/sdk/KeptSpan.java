package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * An ended, unsampled span of a trace that {@link ErrorAndSlowTraceKeeper} keeps, as the exporters' batch processors
 * must see it: sampled (they take nothing else), and exported as sampled, since it reaches the backend.
 */
final class KeptSpan implements ReadableSpan {

  private final SpanData data;

  KeptSpan(SpanData ended) {
    this.data = new SampledSpanData(ended);
  }

  @Override
  public SpanContext getSpanContext() {
    return data.getSpanContext();
  }

  @Override
  public SpanContext getParentSpanContext() {
    return data.getParentSpanContext();
  }

  @Override
  public String getName() {
    return data.getName();
  }

  @Override
  public SpanData toSpanData() {
    return data;
  }

  @Override
  @SuppressWarnings("deprecation") // the interface still requires it
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return data.getInstrumentationLibraryInfo();
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return data.getInstrumentationScopeInfo();
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public long getLatencyNanos() {
    return data.getEndEpochNanos() - data.getStartEpochNanos();
  }

  @Override
  public SpanKind getKind() {
    return data.getKind();
  }

  @Override
  public <T> T getAttribute(AttributeKey<T> key) {
    return data.getAttributes().get(key);
  }

  @Override
  public Attributes getAttributes() {
    return data.getAttributes();
  }

  private static final class SampledSpanData extends DelegatingSpanData {
    private final SpanContext sampledContext;

    SampledSpanData(SpanData ended) {
      super(ended);
      SpanContext context = ended.getSpanContext();
      this.sampledContext = SpanContext.create(context.getTraceId(), context.getSpanId(), TraceFlags.getSampled(),
          context.getTraceState());
    }

    @Override
    public SpanContext getSpanContext() {
      return sampledContext;
    }
  }
}
