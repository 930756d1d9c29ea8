package io.tracer.agent.sdk;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits in front of the exporters' processors. Sampled spans pass straight through. Spans the head sampler dropped
 * (recorded only, see {@link RecordWhenDroppedSampler}) wait here, per trace, until the trace's local root (its first
 * span in this process) ends; if that root or any waiting span has status ERROR, or the root took at least the slow
 * threshold, they all go on to the exporters as sampled spans, else they are forgotten.
 *
 * <p>Memory is bounded per trace and in total ({@link KeepSettings}); a span beyond either bound is dropped and
 * counted ({@link HeldSpanDropLog}). A trace whose local root never ends (a leaked span) is forgotten after
 * {@link #MAX_PENDING_NANOS}. Spans that end after their local root did are not kept: the verdict is already given.
 */
final class ErrorAndSlowTraceKeeper implements SpanProcessor {

  static final long MAX_PENDING_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final long SWEEP_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final SpanProcessor exporters;
  private final KeepSettings settings;
  private final HeldSpanDropLog dropLog;
  private final Clock clock;
  private final Map<String, PendingTrace> pending = new ConcurrentHashMap<>();
  private final AtomicInteger bufferedSpans = new AtomicInteger();
  private final AtomicLong lastSweepNanos;

  ErrorAndSlowTraceKeeper(SpanProcessor exporters, KeepSettings settings, PrintStream diagnostics, Clock clock) {
    this.exporters = exporters;
    this.settings = settings;
    this.dropLog = new HeldSpanDropLog(settings, diagnostics, clock);
    this.clock = clock;
    this.lastSweepNanos = new AtomicLong(clock.nanoTime());
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    if (span.getSpanContext().isSampled()) {
      if (exporters.isStartRequired()) {
        exporters.onStart(parentContext, span);
      }
    } else if (isLocalRoot(span)) {
      sweepForgottenTraces();
      rootStarted(span.getSpanContext().getTraceId());
    }
  }

  private void rootStarted(String traceId) {
    while (true) {
      PendingTrace trace = pending.get(traceId);
      if (trace == null) {
        trace = new PendingTrace(clock.nanoTime());
        PendingTrace raced = pending.putIfAbsent(traceId, trace);
        trace = raced == null ? trace : raced;
      }
      synchronized (trace) {
        if (!trace.judged) {
          trace.openRoots++;
          return;
        }
      }
      // its last root ended meanwhile: this root begins a new wait under the same trace id
      pending.remove(traceId, trace);
    }
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (span.getSpanContext().isSampled()) {
      exporters.onEnd(span);
      return;
    }
    String traceId = span.getSpanContext().getTraceId();
    PendingTrace trace = pending.get(traceId);
    boolean localRoot = isLocalRoot(span);
    if (trace == null) {
      if (localRoot) {
        // its wait was forgotten (never-ending root): the root alone is what is left to judge
        SpanData root = span.toSpanData();
        if (isError(root) || isSlow(root)) {
          exporters.onEnd(new KeptSpan(root));
        }
      }
      return;
    }
    SpanData ended = span.toSpanData();
    List<SpanData> verdictDue = null;
    synchronized (trace) {
      if (trace.judged) {
        return;
      }
      if (isError(ended) || (localRoot && isSlow(ended))) {
        trace.keep = true;
      }
      if (localRoot) {
        // the root is held regardless of the limits: a kept trace without it would be no trace at all
        trace.spans.add(ended);
        bufferedSpans.incrementAndGet();
        if (--trace.openRoots == 0) {
          trace.judged = true;
          verdictDue = trace.spans;
        }
      } else if (trace.spans.size() < settings.maxSpansPerTrace && reserveBufferSlot()) {
        trace.spans.add(ended);
      } else {
        dropLog.dropped();
      }
    }
    if (verdictDue != null) {
      pending.remove(traceId, trace);
      bufferedSpans.addAndGet(-verdictDue.size());
      if (trace.keep) {
        for (SpanData kept : verdictDue) {
          exporters.onEnd(new KeptSpan(kept));
        }
      }
    }
  }

  private boolean reserveBufferSlot() {
    while (true) {
      int buffered = bufferedSpans.get();
      if (buffered >= settings.maxBufferedSpans) {
        return false;
      }
      if (bufferedSpans.compareAndSet(buffered, buffered + 1)) {
        return true;
      }
    }
  }

  /** At most once a minute, on a root's start: traces waiting for longer than any request should take go. */
  private void sweepForgottenTraces() {
    long now = clock.nanoTime();
    long lastSweep = lastSweepNanos.get();
    if (now - lastSweep < SWEEP_INTERVAL_NANOS || !lastSweepNanos.compareAndSet(lastSweep, now)) {
      return;
    }
    for (Iterator<PendingTrace> traces = pending.values().iterator(); traces.hasNext(); ) {
      PendingTrace trace = traces.next();
      if (now - trace.startedNanos < MAX_PENDING_NANOS) {
        continue;
      }
      synchronized (trace) {
        if (trace.judged) {
          continue;
        }
        trace.judged = true;
        bufferedSpans.addAndGet(-trace.spans.size());
      }
      traces.remove();
    }
  }

  private boolean isError(SpanData span) {
    return settings.errors && span.getStatus().getStatusCode() == StatusCode.ERROR;
  }

  private boolean isSlow(SpanData span) {
    return settings.slowThresholdNanos > 0
        && span.getEndEpochNanos() - span.getStartEpochNanos() >= settings.slowThresholdNanos;
  }

  private static boolean isLocalRoot(ReadableSpan span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return exporters.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    dropLog.close();
    return exporters.shutdown();
  }

  /** The unsampled spans of one trace that ended in this process while a local root of it is still open. */
  private static final class PendingTrace {
    final long startedNanos;
    final List<SpanData> spans = new ArrayList<>();
    int openRoots;
    boolean keep;
    /** Once set, the spans are exported or forgotten and no span joins any more. */
    boolean judged;

    PendingTrace(long startedNanos) {
      this.startedNanos = startedNanos;
    }
  }
}
