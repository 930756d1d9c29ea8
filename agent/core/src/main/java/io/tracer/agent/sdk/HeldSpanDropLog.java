package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tells the operator about unsampled spans that could not wait for their trace's verdict because the buffer was
 * full: the first drop at once, then at most one line a minute while drops continue, and what is left at shutdown.
 * Drops happen on the application's threads, so counting is a {@link LongAdder} increment and only the one thread
 * that wins the time slot prints.
 */
final class HeldSpanDropLog {

  private static final long NOT_YET = Long.MIN_VALUE;

  private final PrintStream out;
  private final Clock clock;
  private final String limits;
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong lastLineNanos = new AtomicLong(NOT_YET);

  HeldSpanDropLog(KeepSettings settings, PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
    this.limits = KeepSettings.MAX_SPANS_PER_TRACE_KEY + "=" + settings.maxSpansPerTrace + ", "
        + KeepSettings.MAX_BUFFERED_SPANS_KEY + "=" + settings.maxBufferedSpans;
  }

  void dropped() {
    dropped.increment();
    long last = lastLineNanos.get();
    long now = clock.nanoTime();
    boolean due = last == NOT_YET || now - last >= ExportLossLog.SUMMARY_INTERVAL_NANOS;
    if (due && lastLineNanos.compareAndSet(last, now)) {
      long count = dropped.sumThenReset();
      if (last == NOT_YET) {
        out.println("[tracer] " + count + " unsampled span" + plural(count) + " dropped: the buffer that holds them "
            + "until their trace is known to fail or be slow is full (" + limits + "); such a trace is exported "
            + "without them. Further drops are summarized at most once a minute");
      } else {
        print(count);
      }
    }
  }

  /** At shutdown: drops not yet told are told now. */
  void close() {
    long count = dropped.sumThenReset();
    if (count > 0) {
      print(count);
    }
  }

  private void print(long count) {
    out.println("[tracer] " + count + " more unsampled span" + plural(count) + " dropped from the full error and "
        + "slow trace buffer (" + limits + ")");
  }

  private static String plural(long count) {
    return count == 1 ? "" : "s";
  }
}
