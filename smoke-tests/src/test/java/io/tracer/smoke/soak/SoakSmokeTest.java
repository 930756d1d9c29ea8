package io.tracer.smoke.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.testing.LocalServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Minutes of load on every instrumentation at once, in debug mode: the all-paths app ({@code GET /all} goes through
 * JDBC, Jedis, Lettuce, four HTTP clients, a thread pool, {@code CompletableFuture}, RocketMQ, JobRunr and Quartz)
 * with {@code -Dotel.javaagent.debug=true}, loaded by {@value #CLIENTS} clients at once, each request with a
 * {@code traceparent} of a trace of its own. After a warm-up and again after the load:
 * <ul>
 *   <li>no request failed;</li>
 *   <li>every span is in the trace of the request that made it, with its parent in that trace, and each request's
 *   trace has every span its paths make, the asynchronous ones included ({@link RequestTraces});</li>
 *   <li>the heap after a full collection has grown less than a leak of one kilobyte per request would add, and the
 *   thread count has not grown (the agent's own {@code jvm.*} metrics, {@link RuntimeSample});</li>
 *   <li>the agent's stderr reports no span that was never ended, neither collected nor open at shutdown.</li>
 * </ul>
 * The spans are checked as they arrive and none is kept, so that the run can be made long:
 * {@code -Dsoak.duration=10m} (default {@code 60s}).
 */
@ExtendWith(SmokePrerequisites.class)
class SoakSmokeTest {

  /** As many as the app's pools are sized for ({@code Backends.CONCURRENCY}). */
  private static final int CLIENTS = 16;
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  /** For the spans of the last requests (the asynchronous jobs'), once the load stops. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final int SAMPLES = 3;
  /** A leak of this much per request after the warm-up is one the heap bound must catch. */
  private static final long LEAK_PER_REQUEST_BYTES = 1024;
  /** Threads that may come and go with no leak (pools that shrink and grow back, the JDK's own). */
  private static final int THREAD_MARGIN = 4;
  private static final List<String> UNENDED_SPAN_REPORTS = List.of("never ended", "still open at shutdown",
      "spans are open at once");

  @Test
  void underLoadEverySpanIsInItsRequestsTraceAndNothingGrows() throws Exception {
    LocalServices.POSTGRES.require();
    LocalServices.MARIADB.require();
    LocalServices.REDIS.require();
    Duration duration = durationProperty("soak.duration", Duration.ofSeconds(60));
    long started = System.nanoTime();
    RequestTraces traces = new RequestTraces();
    try (OtlpReceiver receiver = OtlpReceiver.streaming(traces)) {
      TracedApp app = TracedApp.builder("all-paths")
          .label(getClass().getSimpleName())
          .serviceName("soak")
          .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
          .jvmArgument("-Dotel.javaagent.debug=true")
          .jvmArgument("-Xmx512m")
          // about 25 spans a request: room for the bursts of a few hundred requests a second, so that none is
          // dropped and every trace can be complete
          .env("OTEL_BSP_MAX_QUEUE_SIZE", "20000")
          .env("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "1024")
          .env("OTEL_METRICS_EXPORTER", "otlp")
          .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
          .start();
      try {
        traces.loadStarts();
        Load warmUp = Load.run(app, traces, CLIENTS, WARM_UP);
        assertDrained(traces, app);
        RuntimeSample before = RuntimeSample.smallestOf(SAMPLES, app, receiver);

        Load soak = Load.run(app, traces, CLIENTS, duration);
        assertDrained(traces, app);
        RuntimeSample after = RuntimeSample.smallestOf(SAMPLES, app, receiver);

        app.stopKeepingShutdownOutput();

        String figures = String.format("soak: %d clients, warm-up %d requests, then %d requests in %d s (%.0f/s),"
                + " %d failed; %d spans in %d complete traces, %d of the start-up, background roots %s; heap after"
                + " GC %.1f MB after the warm-up, %.1f MB after the load (%+.1f MB, bound %.1f MB); threads %d, then"
                + " %d; %d s in all",
            CLIENTS, warmUp.requests(), soak.requests(), soak.elapsed().toSeconds(), soak.rate(), soak.failures(),
            traces.spanCount(), traces.completeCount(), traces.startUpSpanCount(), traces.backgroundRoots(),
            mb(before.heapAfterGcBytes()), mb(after.heapAfterGcBytes()),
            mb(after.heapAfterGcBytes() - before.heapAfterGcBytes()), mb(heapGrowthBound(soak)), before.threads(),
            after.threads(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
        System.out.println(figures);
        if (!traces.describeLinkedBackgroundRoots().isEmpty()) {
          System.out.println("soak: background roots with links, the first few:\n  "
              + traces.describeLinkedBackgroundRoots());
        }

        assertEquals(0, warmUp.failures() + soak.failures(), figures + warmUp.describeFailures()
            + soak.describeFailures());
        assertEquals(0, traces.problemCount(), traces.describeProblems());
        assertEquals(receiver.spanCount(), traces.spanCount());
        assertTrue(after.heapAfterGcBytes() - before.heapAfterGcBytes() < heapGrowthBound(soak), figures);
        assertTrue(after.threads() <= before.threads() + THREAD_MARGIN,
            figures + "; threads added: " + after.threadsAddedSince(before));
        // ended by the signal, its shutdown hooks run (the agent's report of the spans still open among them),
        // rather than killed when it did not stop in time
        assertEquals(143, app.exitValue(), figures);
        List<String> unended = app.stderrLines().stream()
            .filter(line -> UNENDED_SPAN_REPORTS.stream().anyMatch(line::contains)).toList();
        assertEquals(List.of(), unended, figures);
      } finally {
        app.close();
      }
    }
  }

  /**
   * Half of what a leak of {@link #LEAK_PER_REQUEST_BYTES} per request of the load would add: such a leak fails,
   * whatever the rate reached.
   */
  private static long heapGrowthBound(Load soak) {
    return soak.requests() * LEAK_PER_REQUEST_BYTES / 2;
  }

  private static void assertDrained(RequestTraces traces, TracedApp app) throws InterruptedException {
    int open = traces.awaitAllComplete(DRAIN_TIMEOUT);
    assertEquals(0, open, "traces still incomplete " + DRAIN_TIMEOUT + " after the load: " + traces.describeOpen()
        + "\n" + traces.describeProblems() + "\nstderr, last lines:\n  " + String.join("\n  ", lastLines(app)));
  }

  private static List<String> lastLines(TracedApp app) {
    List<String> lines = app.stderrLines();
    return lines.subList(Math.max(0, lines.size() - 20), lines.size());
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  /** {@code 90s}, {@code 10m} or an ISO-8601 duration ({@code PT10M}). */
  private static Duration durationProperty(String name, Duration fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String text = value.trim().toUpperCase();
    return Duration.parse(text.startsWith("P") ? text : "PT" + text);
  }

  /**
   * {@code clients} threads sending {@code GET /all} one after the other for {@code duration}, each request with a
   * {@code traceparent} of a new trace, announced to {@code traces} before it is sent.
   */
  private record Load(long requests, long failures, List<String> failureDescriptions, Duration elapsed) {

    private static final AtomicLong TRACE_NUMBER = new AtomicLong();
    private static final long RUN_NONCE = ThreadLocalRandom.current().nextLong() | 1;

    static Load run(TracedApp app, RequestTraces traces, int clients, Duration duration)
        throws InterruptedException {
      AtomicLong requests = new AtomicLong();
      AtomicLong failures = new AtomicLong();
      List<String> failureDescriptions = new ArrayList<>();
      long start = System.nanoTime();
      long deadline = start + duration.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Thread client = new Thread(() -> {
          while (System.nanoTime() < deadline) {
            long number = TRACE_NUMBER.incrementAndGet();
            String traceId = String.format("%016x%016x", RUN_NONCE, number);
            String callerSpanId = String.format("%016x", number | (1L << 62));
            traces.sent(traceId, callerSpanId);
            String failure;
            try {
              HttpResponse<String> answer = app.send("/all",
                  Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01"));
              failure = answer.statusCode() == 200 && answer.body().startsWith("ok ") ? null
                  : answer.statusCode() + " " + answer.body();
              if (failure == null) {
                traces.answered(traceId, answer.body().substring("ok ".length()).trim());
              }
            } catch (RuntimeException e) {
              failure = e.toString();
            }
            requests.incrementAndGet();
            if (failure != null) {
              failures.incrementAndGet();
              synchronized (failureDescriptions) {
                if (failureDescriptions.size() < 5) {
                  failureDescriptions.add("trace " + traceId + ": " + failure);
                }
              }
            }
          }
        }, "soak-client-" + i);
        client.start();
        threads.add(client);
      }
      for (Thread client : threads) {
        client.join();
      }
      return new Load(requests.get(), failures.get(), failureDescriptions,
          Duration.ofNanos(System.nanoTime() - start));
    }

    double rate() {
      return requests * 1e9 / elapsed.toNanos();
    }

    String describeFailures() {
      return failureDescriptions.isEmpty() ? "" : "\n  " + String.join("\n  ", failureDescriptions);
    }
  }
}
