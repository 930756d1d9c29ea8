package io.tracer.smoke.app.conflicting;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The app's own exporter: remembers which of its own spans reached it, so {@code /work} can report them. */
final class RecordingSpanExporter implements SpanExporter {

  /** By span id, the span's parent span id as the app's SDK recorded it. */
  private final Map<String, String> exportedParents = new ConcurrentHashMap<>();

  boolean hasExported(String spanId) {
    return exportedParents.containsKey(spanId);
  }

  String parentOf(String spanId) {
    return exportedParents.get(spanId);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData span : spans) {
      exportedParents.put(span.getSpanId(), span.getParentSpanId());
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
