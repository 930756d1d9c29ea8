package io.tracer.agent.sdk;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What debug mode says about spans that were never ended, one line each, bounded so that a leak in a hot path cannot
 * flood the log: the first few of each span name in full, then a count at every power of ten and a total at
 * shutdown. Span names can be unbounded (an id in the name), so only the first {@link #MAX_NAMES} names are counted
 * apart; all later ones share one count.
 */
final class UnendedSpanLog {

  static final int FULL_REPORTS_PER_NAME = 3;
  static final int MAX_NAMES = 100;
  static final int MAX_OPEN_AT_SHUTDOWN = 10;
  private static final int MAX_NAME_LENGTH = 200;

  private final PrintStream out;
  private final Map<String, AtomicLong> neverEndedByName = new ConcurrentHashMap<>();
  private final AtomicLong neverEndedOtherNames = new AtomicLong();

  UnendedSpanLog(PrintStream out) {
    this.out = out;
  }

  /** {@code span} was collected, or found unreachable at shutdown, without having been ended. */
  void neverEnded(TrackedSpan span, long nowNanos) {
    AtomicLong count = countOf(span.name);
    long seen = count.incrementAndGet();
    String named = count == neverEndedOtherNames ? "spans of other names" : "spans named " + quoted(span.name);
    if (seen <= FULL_REPORTS_PER_NAME) {
      out.println("[tracer] span never ended, now unreachable: " + describe(span, nowNanos)
          + (seen == FULL_REPORTS_PER_NAME ? "; further " + named + " never ended are counted, not shown" : ""));
    } else if (isPowerOfTen(seen)) {
      out.println("[tracer] " + seen + " " + named + " never ended so far");
    }
  }

  /** @param open the spans still open as the SDK shuts down, oldest first */
  void stillOpenAtShutdown(List<TrackedSpan> open, long nowNanos) {
    int shown = Math.min(open.size(), MAX_OPEN_AT_SHUTDOWN);
    for (int i = 0; i < shown; i++) {
      out.println("[tracer] span still open at shutdown: " + describe(open.get(i), nowNanos));
    }
    if (open.size() > shown) {
      out.println("[tracer] and " + (open.size() - shown) + " more spans still open at shutdown");
    }
  }

  /** At shutdown: the totals that the lines at powers of ten have not said already. */
  void close() {
    for (Map.Entry<String, AtomicLong> name : neverEndedByName.entrySet()) {
      total("spans named " + quoted(name.getKey()), name.getValue().get());
    }
    total("spans of other names", neverEndedOtherNames.get());
  }

  void watchLimitReached(int limit) {
    out.println("[tracer] more than " + limit + " spans are open at once: the spans started meanwhile are not "
        + "watched for a missing end()");
  }

  private void total(String named, long count) {
    if (count > FULL_REPORTS_PER_NAME && !isPowerOfTen(count)) {
      out.println("[tracer] " + count + " " + named + " never ended in all");
    }
  }

  private AtomicLong countOf(String name) {
    AtomicLong count = neverEndedByName.get(name);
    if (count != null) {
      return count;
    }
    if (neverEndedByName.size() >= MAX_NAMES) {
      return neverEndedOtherNames;
    }
    return neverEndedByName.computeIfAbsent(name, unused -> new AtomicLong());
  }

  private static String describe(TrackedSpan span, long nowNanos) {
    return quoted(span.name) + " " + span.kind + ", trace " + span.traceId + ", span " + span.spanId
        + ", scope " + oneLine(span.scope) + ", age " + TimeUnit.NANOSECONDS.toMillis(nowNanos - span.startNanos)
        + " ms, started at " + span.startedAt();
  }

  private static boolean isPowerOfTen(long count) {
    long power = 10;
    while (power < count && power <= Long.MAX_VALUE / 10) {
      power *= 10;
    }
    return power == count;
  }

  private static String quoted(String name) {
    String shown = name.length() <= MAX_NAME_LENGTH ? name : name.substring(0, MAX_NAME_LENGTH) + "...";
    return "\"" + oneLine(shown) + "\"";
  }

  private static String oneLine(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
