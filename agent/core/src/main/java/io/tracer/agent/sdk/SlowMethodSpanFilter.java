package io.tracer.agent.sdk;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code otel.instrumentation.methods.slow-threshold}: the spans of configured methods (the {@code methods}
 * module's scope) that end faster than the threshold, without an error and without a child span, never reach the
 * exporters. A method span with a child is always kept, so that no exported span loses its parent.
 */
public final class SlowMethodSpanFilter implements SpanProcessor {

  public static final String THRESHOLD_KEY = "otel.instrumentation.methods.slow-threshold";
  private static final String METHODS_SCOPE = "io.tracer.methods";

  private final SpanProcessor exporting;
  private final long thresholdNanos;
  /** Method spans still open that have had a child; removed when they end. */
  private final Set<ReadableSpan> withChildren = Collections.newSetFromMap(new ConcurrentHashMap<>());

  private SlowMethodSpanFilter(SpanProcessor exporting, long thresholdNanos) {
    this.exporting = exporting;
    this.thresholdNanos = thresholdNanos;
  }

  /** @return {@code exporting} itself when no threshold is set (the default: every method span is kept) */
  public static SpanProcessor wrap(TracerConfig config, SpanProcessor exporting) {
    long thresholdMillis = config.getDurationMillis(THRESHOLD_KEY, 0);
    return thresholdMillis == 0 ? exporting
        : new SlowMethodSpanFilter(exporting, TimeUnit.MILLISECONDS.toNanos(thresholdMillis));
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    Span parent = Span.fromContext(parentContext);
    if (parent instanceof ReadableSpan) {
      ReadableSpan readableParent = (ReadableSpan) parent;
      if (isMethodSpan(readableParent) && !readableParent.hasEnded()) {
        withChildren.add(readableParent);
      }
    }
    exporting.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (isMethodSpan(span) && !withChildren.remove(span) && span.getLatencyNanos() < thresholdNanos
        && span.toSpanData().getStatus().getStatusCode() != StatusCode.ERROR) {
      return;
    }
    exporting.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return exporting.shutdown();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return exporting.forceFlush();
  }

  private static boolean isMethodSpan(ReadableSpan span) {
    return METHODS_SCOPE.equals(span.getInstrumentationScopeInfo().getName());
  }
}
