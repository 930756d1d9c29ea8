package io.tracer.agent.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Debug mode only ({@code otel.javaagent.debug}): finds spans that were started and never ended. Every recording span
 * is watched through a weak reference from its start to its end; one that the garbage collector finds unreachable
 * before its end can never be ended any more, and is reported with where it was started. What is still open at
 * shutdown is reported too, oldest first.
 *
 * <p>The reference queue is drained on every span start and end, by the application's thread that starts or ends
 * the span, rather than by a thread of its own: an empty queue costs one read, debug mode adds no thread, and an
 * application that leaks spans starts spans, so the reports come. A leak that is collected after the last span of the
 * JVM is told at shutdown. Watched spans are keyed by span id, so that ending one allocates nothing; two open spans
 * with one random 64-bit id would only make one leak go untold.
 */
final class UnendedSpanDetector implements SpanProcessor {

  /** The watch costs a kilobyte or two per open span, most of it the frames of its start: bounded, like everything. */
  static final int MAX_WATCHED = 10_000;

  private final Clock clock;
  private final UnendedSpanLog log;
  private final ReferenceQueue<ReadableSpan> collected = new ReferenceQueue<>();
  private final Map<String, TrackedSpan> open = new ConcurrentHashMap<>();
  private final AtomicBoolean watchLimitTold = new AtomicBoolean();

  UnendedSpanDetector(PrintStream diagnostics, Clock clock) {
    this.clock = clock;
    this.log = new UnendedSpanLog(diagnostics);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    reportCollected();
    if (open.size() >= MAX_WATCHED) {
      if (watchLimitTold.compareAndSet(false, true)) {
        log.watchLimitReached(MAX_WATCHED);
      }
      return;
    }
    TrackedSpan tracked = new TrackedSpan(span, clock.nanoTime(), collected);
    open.put(tracked.spanId, tracked);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    open.remove(span.getSpanContext().getSpanId());
    reportCollected();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /**
   * A reference the collector cleared but has not queued yet counts as collected: so the spans the application
   * dropped are told as such however soon the JVM stops after dropping them.
   */
  @Override
  public CompletableResultCode shutdown() {
    reportCollected();
    long now = clock.nanoTime();
    List<TrackedSpan> stillOpen = new ArrayList<>();
    for (TrackedSpan tracked : open.values()) {
      if (open.remove(tracked.spanId, tracked)) {
        if (tracked.get() == null) {
          log.neverEnded(tracked, now);
        } else {
          stillOpen.add(tracked);
        }
      }
    }
    stillOpen.sort(Comparator.comparingLong(tracked -> tracked.startNanos));
    log.stillOpenAtShutdown(stillOpen, now);
    log.close();
    return CompletableResultCode.ofSuccess();
  }

  /** Removing the entry first makes sure each span is told once, whichever thread polls it. */
  private void reportCollected() {
    for (Reference<? extends ReadableSpan> reference = collected.poll(); reference != null;
        reference = collected.poll()) {
      TrackedSpan tracked = (TrackedSpan) reference;
      if (open.remove(tracked.spanId, tracked)) {
        log.neverEnded(tracked, clock.nanoTime());
      }
    }
  }
}
