package io.tracer.agent.sdk;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code console} exporter: one tree per trace on stderr, printed when the trace's local root ends (its parent
 * is invalid or remote), so a request reads as one block instead of spans interleaved with other requests'. Spans
 * ending after that print as a short continuation. Memory is bounded: at most {@link #MAX_TRACES} traces of at most
 * {@link #MAX_SPANS_PER_TRACE} spans wait, none longer than {@link #MAX_WAIT_NANOS}; a trace pushed out early prints
 * as incomplete, and whatever waits at shutdown is printed then.
 *
 * <p>Fed by a batch processor, so spans arrive on its worker thread and printing never runs on the application's.
 */
final class ConsoleTraceExporter implements SpanExporter {

  static final int MAX_TRACES = 1000;
  static final int MAX_SPANS_PER_TRACE = 500;
  static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int REMEMBERED_PRINTED_TRACES = 1000;

  private final PrintStream out;
  private final Clock clock;
  private final ConsoleTraceRenderer renderer = new ConsoleTraceRenderer();
  /** In arrival order, so the first entry is the one that has waited longest. */
  private final Map<String, PendingTrace> pending = new LinkedHashMap<>();
  private final Map<String, Boolean> printed = new LinkedHashMap<String, Boolean>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_PRINTED_TRACES;
    }
  };

  ConsoleTraceExporter(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    Map<String, List<SpanData>> continuations = new LinkedHashMap<>();
    for (SpanData span : spans) {
      String traceId = span.getTraceId();
      if (printed.containsKey(traceId)) {
        List<SpanData> late = continuations.get(traceId);
        if (late == null) {
          late = new ArrayList<>();
          continuations.put(traceId, late);
        }
        late.add(span);
        continue;
      }
      PendingTrace trace = pending.get(traceId);
      if (trace == null) {
        trace = new PendingTrace(clock.nanoTime());
        pending.put(traceId, trace);
      }
      trace.add(span);
      if (isLocalRoot(span)) {
        pending.remove(traceId);
        print(traceId, trace, true);
      }
    }
    for (List<SpanData> late : continuations.values()) {
      out.print(renderer.renderContinuation(late));
    }
    evictOverdue();
    return CompletableResultCode.ofSuccess();
  }

  private static boolean isLocalRoot(SpanData span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  private void evictOverdue() {
    long now = clock.nanoTime();
    Iterator<Map.Entry<String, PendingTrace>> oldestFirst = pending.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<String, PendingTrace> oldest = oldestFirst.next();
      boolean tooMany = pending.size() > MAX_TRACES;
      boolean tooOld = now - oldest.getValue().firstArrivalNanos >= MAX_WAIT_NANOS;
      if (!tooMany && !tooOld) {
        return;
      }
      oldestFirst.remove();
      print(oldest.getKey(), oldest.getValue(), false);
    }
  }

  private void print(String traceId, PendingTrace trace, boolean complete) {
    out.print(renderer.renderTrace(trace.spans, trace.omitted, complete));
    printed.put(traceId, Boolean.TRUE);
  }

  @Override
  public synchronized CompletableResultCode flush() {
    for (Map.Entry<String, PendingTrace> waiting : pending.entrySet()) {
      print(waiting.getKey(), waiting.getValue(), false);
    }
    pending.clear();
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }

  @Override
  public String toString() {
    return "ConsoleTraceExporter";
  }

  private static final class PendingTrace {
    final long firstArrivalNanos;
    final List<SpanData> spans = new ArrayList<>();
    int omitted;

    PendingTrace(long firstArrivalNanos) {
      this.firstArrivalNanos = firstArrivalNanos;
    }

    void add(SpanData span) {
      if (spans.size() < MAX_SPANS_PER_TRACE || isLocalRoot(span)) {
        spans.add(span);
      } else {
        omitted++;
      }
    }
  }
}
