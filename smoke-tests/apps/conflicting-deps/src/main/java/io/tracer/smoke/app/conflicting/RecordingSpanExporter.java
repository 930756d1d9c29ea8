package io.tracer.smoke.app.conflicting;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The app's own exporter: remembers which of its own spans reached it, so {@code /work} can report them. */
final class RecordingSpanExporter implements SpanExporter {

  private final Set<String> exportedSpanIds = ConcurrentHashMap.newKeySet();

  boolean hasExported(String spanId) {
    return exportedSpanIds.contains(spanId);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      exportedSpanIds.add(span.getSpanId());
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
