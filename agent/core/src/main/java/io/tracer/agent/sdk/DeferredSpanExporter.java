package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * Builds its exporter when the first batch is exported, on the batch processor's worker thread, instead of in
 * premain: the OTLP exporter's HTTP client (OkHttp, the Kotlin runtime, TLS provider discovery, IDN tables) costs
 * about 300 ms of class loading that would otherwise delay every start of the application.
 */
final class DeferredSpanExporter implements SpanExporter {

  private final Supplier<SpanExporter> factory;
  private SpanExporter exporter;

  DeferredSpanExporter(Supplier<SpanExporter> factory) {
    this.factory = factory;
  }

  /** The real exporter, built on the first call; only the worker thread calls this, the lock is uncontended. */
  synchronized SpanExporter exporter() {
    if (exporter == null) {
      exporter = factory.get();
    }
    return exporter;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return exporter().export(spans);
  }

  @Override
  public synchronized CompletableResultCode flush() {
    return exporter == null ? CompletableResultCode.ofSuccess() : exporter.flush();
  }

  /** An exporter never needed is never built just to be closed. */
  @Override
  public synchronized CompletableResultCode shutdown() {
    return exporter == null ? CompletableResultCode.ofSuccess() : exporter.shutdown();
  }

  @Override
  public synchronized String toString() {
    return exporter == null ? "DeferredSpanExporter{not built yet}" : exporter.toString();
  }
}
