package io.tracer.instrumentation.executors;

import static io.tracer.instrumentation.executors.Traced.inSpan;
import static io.tracer.instrumentation.executors.Traced.seeing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.api.trace.SpanContext;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Work handed to ThreadPoolExecutor and ScheduledThreadPoolExecutor runs in the submitter's context. */
class ThreadPoolPropagationTest {

  private static ExecutorService pool;
  private static ScheduledExecutorService scheduler;

  @BeforeAll
  static void startPools() {
    Traced.tracer();
    pool = Executors.newFixedThreadPool(2);
    scheduler = Executors.newScheduledThreadPool(1);
  }

  @AfterAll
  static void stopPools() {
    pool.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void executeRunsAPlainRunnableInTheSubmittersContext() throws Exception {
    inSpan("request", request -> {
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      pool.execute(() -> seen.complete(Traced.seen()));
      assertEquals(request, seen.get(10, TimeUnit.SECONDS));
      return null;
    });
  }

  @Test
  void submitAndInvokeAllRunInTheSubmittersContext() throws Exception {
    inSpan("request", request -> {
      assertEquals(request, pool.submit(seeing()).get(10, TimeUnit.SECONDS));
      CompletableFuture<SpanContext> fromRunnable = new CompletableFuture<>();
      pool.submit(() -> fromRunnable.complete(Traced.seen())).get(10, TimeUnit.SECONDS);
      assertEquals(request, fromRunnable.get());
      List<Future<SpanContext>> all = pool.invokeAll(Arrays.asList(seeing(), seeing(), seeing()));
      for (Future<SpanContext> each : all) {
        assertEquals(request, each.get());
      }
      assertEquals(request, pool.invokeAny(Arrays.asList(seeing(), seeing())));
      return null;
    });
  }

  @Test
  void aDelayedTaskRunsInTheSchedulersContext() throws Exception {
    inSpan("request", request -> {
      assertEquals(request, scheduler.schedule(seeing(), 20, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS));
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      scheduler.execute(() -> seen.complete(Traced.seen()));
      assertEquals(request, seen.get(10, TimeUnit.SECONDS));
      return null;
    });
  }

  @Test
  void aPeriodicTaskRunsOutsideTheTraceThatScheduledIt() throws Exception {
    inSpan("request", request -> {
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      Future<?> periodic = scheduler.scheduleAtFixedRate(() -> seen.complete(Traced.seen()), 0, 1, TimeUnit.HOURS);
      assertFalse(seen.get(10, TimeUnit.SECONDS).isValid());
      periodic.cancel(false);
      return null;
    });
  }

  @Test
  void aChildSpanInATaskIsAChildOfTheRequest() throws Exception {
    String[] parent = new String[1];
    inSpan("request", request -> {
      parent[0] = request.getSpanId();
      pool.submit(() -> Traced.tracer().spanBuilder("work").startSpan().end()).get(10, TimeUnit.SECONDS);
      return null;
    });
    assertEquals(parent[0],
        TestAgent.awaitSpans(span -> span.getName().equals("work"), 1, Duration.ofSeconds(10)).get(0).getParentSpanId());
  }
}
