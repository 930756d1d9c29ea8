package io.tracer.smoke.soak;

import io.opentelemetry.proto.trace.v1.Span;
import io.tracer.smoke.harness.ReceivedSpan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The traces the soak test sent, one per request, checked span by span as the receiver streams them in, so that
 * no span is kept: only the traces still open are, until each has every span its request must make
 * ({@link AllPathsSpan}), and then only their ids. What is wrong is counted, and the first few cases described:
 * <ul>
 *   <li>a span of a trace that no request carried, but for a root: a child there is work that picked up a
 *   context not its own. A root span there is traced work of no request (a pool's idle checks), or a new trace by
 *   convention, linked to the request's (a JobRunr job run again after its server was thought dead): it is
 *   counted, and its links must lead to a request's trace;</li>
 *   <li>a span whose parent is not a span of its own trace, or a request's SERVER span whose parent is not the
 *   caller's;</li>
 *   <li>a Redis command or Quartz job of one request in the trace of another (they name their request's id);</li>
 *   <li>a path that made more spans than it must, or a span after its trace was complete, or of no path.</li>
 * </ul>
 * Spans that started before the first request (the application's start-up) belong to no request, and are only
 * counted.
 */
final class RequestTraces implements Consumer<ReceivedSpan> {

  private static final int DESCRIBED = 5;

  private final Map<String, OpenTrace> open = new HashMap<>();
  private final Set<String> complete = new HashSet<>();
  /** When the first request was sent: earlier spans belong to no request. */
  private long loadStartedEpochNanos = Long.MAX_VALUE;
  private final List<String> problems = new ArrayList<>();
  private long problemCount;
  private long startUpSpans;
  /** The root spans of work no request asked for (a pool's idle checks), by scope and name. */
  private final Map<String, Long> backgroundRoots = new TreeMap<>();
  private final List<String> backgroundRootExamples = new ArrayList<>();
  private long spans;

  /** The first request is about to be sent. */
  synchronized void loadStarts() {
    loadStartedEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
  }

  /** A request is about to carry {@code traceId} as the child of the caller's span {@code callerSpanId}. */
  synchronized void sent(String traceId, String callerSpanId) {
    open.put(traceId, new OpenTrace(callerSpanId));
  }

  /** The request of {@code traceId} was answered; {@code requestId} is the id its answer names. */
  synchronized void answered(String traceId, String requestId) {
    OpenTrace trace = open.get(traceId);
    trace.requestId = requestId;
    completeIfDone(traceId, trace);
  }

  @Override
  public synchronized void accept(ReceivedSpan span) {
    spans++;
    String traceId = span.traceId();
    OpenTrace trace = open.get(traceId);
    if (trace == null) {
      if (complete.contains(traceId)) {
        problem("a span after its request's trace was complete: " + span);
      } else if (span.span().getStartTimeUnixNano() < loadStartedEpochNanos) {
        startUpSpans++;
      } else if (span.parentSpanId().isEmpty()) {
        backgroundRoot(span);
      } else {
        problem("a span in a trace no request carried: " + span);
      }
      return;
    }
    AllPathsSpan path = AllPathsSpan.of(span);
    if (path == AllPathsSpan.UNEXPECTED) {
      problem("a span of no path of /all: " + span);
    }
    if (path == AllPathsSpan.REQUEST && !trace.callerSpanId.equals(span.parentSpanId())) {
      problem("the request's SERVER span is not the child of the caller's span " + trace.callerSpanId + ": " + span);
    }
    trace.counts.merge(path, 1, Integer::sum);
    trace.spanIds.add(span.spanId());
    trace.parentIds.add(span.parentSpanId());
    String requestId = AllPathsSpan.requestIdIn(span, path);
    if (requestId != null) {
      trace.namedRequestIds.add(requestId);
    }
    completeIfDone(traceId, trace);
  }

  /** Waits until every trace sent is complete; answers how many are still open when {@code timeout} passes. */
  synchronized int awaitAllComplete(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty()) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        break;
      }
      wait(remainingMillis);
    }
    return open.size();
  }

  /** The first few open traces, with the paths whose spans are missing. */
  synchronized String describeOpen() {
    StringBuilder text = new StringBuilder();
    open.entrySet().stream().limit(DESCRIBED).forEach(entry -> text.append("\n  trace ").append(entry.getKey())
        .append(entry.getValue().requestId == null ? " unanswered" : " request " + entry.getValue().requestId)
        .append(", spans per path ").append(entry.getValue().counts));
    return text.toString();
  }

  synchronized long completeCount() {
    return complete.size();
  }

  synchronized long spanCount() {
    return spans;
  }

  synchronized long startUpSpanCount() {
    return startUpSpans;
  }

  synchronized Map<String, Long> backgroundRoots() {
    return Map.copyOf(backgroundRoots);
  }

  /** The first few background roots that have links, one a line. */
  synchronized String describeLinkedBackgroundRoots() {
    return String.join("\n  ", backgroundRootExamples);
  }

  synchronized long problemCount() {
    return problemCount;
  }

  /** The first problems found, one a line. */
  synchronized String describeProblems() {
    return problemCount + " problem(s), the first " + problems.size() + ":\n  " + String.join("\n  ", problems);
  }

  private void completeIfDone(String traceId, OpenTrace trace) {
    if (trace.requestId == null) {
      return;
    }
    for (AllPathsSpan path : AllPathsSpan.values()) {
      if (trace.counts.getOrDefault(path, 0) < path.expected()) {
        return;
      }
    }
    for (AllPathsSpan path : AllPathsSpan.values()) {
      int count = trace.counts.getOrDefault(path, 0);
      if (path.exact() && count != path.expected()) {
        problem("trace " + traceId + ": " + count + " span(s) of " + path + ", expected " + path.expected());
      }
    }
    Set<String> unknownParents = new HashSet<>(trace.parentIds);
    unknownParents.removeAll(trace.spanIds);
    unknownParents.remove(trace.callerSpanId);
    if (!unknownParents.isEmpty()) {
      problem("trace " + traceId + ": parents that are no span of the trace " + unknownParents);
    }
    if (!Set.of(trace.requestId).containsAll(trace.namedRequestIds)) {
      problem("trace " + traceId + " of request " + trace.requestId + " holds spans of requests "
          + trace.namedRequestIds);
    }
    open.remove(traceId);
    complete.add(traceId);
    if (open.isEmpty()) {
      notifyAll();
    }
  }

  private void backgroundRoot(ReceivedSpan span) {
    backgroundRoots.merge(span.scopeName() + " " + span.name(), 1L, Long::sum);
    for (Span.Link link : span.span().getLinksList()) {
      String linkedTrace = HexFormat.of().formatHex(link.getTraceId().toByteArray());
      if (!open.containsKey(linkedTrace) && !complete.contains(linkedTrace)) {
        problem("a root span linked to a trace no request carried: " + span);
      }
    }
    if (backgroundRootExamples.size() < DESCRIBED && !span.span().getLinksList().isEmpty()) {
      backgroundRootExamples.add(span + " links " + span.span().getLinksCount());
    }
  }

  private void problem(String description) {
    problemCount++;
    if (problems.size() < DESCRIBED) {
      problems.add(description);
    }
  }

  /** What has arrived of one request's trace so far. */
  private static final class OpenTrace {
    final String callerSpanId;
    final Map<AllPathsSpan, Integer> counts = new EnumMap<>(AllPathsSpan.class);
    final Set<String> spanIds = new HashSet<>();
    final Set<String> parentIds = new HashSet<>();
    final Set<String> namedRequestIds = new HashSet<>();
    String requestId;

    OpenTrace(String callerSpanId) {
      this.callerSpanId = callerSpanId;
    }
  }
}
