package io.tracer.instrumentation.executors;

import static io.tracer.instrumentation.executors.Traced.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.pools.LazyLoopExecutor;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaks: a pooled thread carries no context once a task ends, work submitted outside a trace runs in none,
 * and a server span started on a pooled thread never finds a stale parent.
 */
class PooledThreadLeakTest {

  @BeforeAll
  static void install() {
    Traced.tracer();
  }

  @Test
  void aThreadPoolReusedByTracedAndUntracedWorkNeverMixesThem() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      alternateTracedAndUntraced(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aForkJoinPoolReusedByTracedAndUntracedWorkNeverMixesThem() throws Exception {
    ForkJoinPool pool = new ForkJoinPool(1);
    try {
      alternateTracedAndUntraced(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aServerSpanStartedOnAPooledThreadAfterTracedWorkHasNoParent() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (int request = 0; request < 20; request++) {
        inSpan("request", span -> pool.submit(() -> Traced.tracer().spanBuilder("traced-work").startSpan().end())
            .get(10, TimeUnit.SECONDS));
      }
      pool.submit(() -> Traced.tracer().spanBuilder("incoming").setSpanKind(SpanKind.SERVER).startSpan().end())
          .get(10, TimeUnit.SECONDS);
      SpanData incoming = TestAgent.awaitSpans(span -> span.getName().equals("incoming"), 1, Duration.ofSeconds(10))
          .get(0);
      assertFalse(incoming.getParentSpanContext().isValid(), "stale parent " + incoming.getParentSpanContext());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void baggageAloneTravelsAndEndsWithTheTask() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Scope ignored = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
      assertEquals("acme", pool.submit(() -> Baggage.current().getEntryValue("tenant")).get(10, TimeUnit.SECONDS));
    }
    try {
      assertTrue(pool.submit(Traced::nothingCurrent).get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void workerThreadsStartedDuringATracedSubmissionServeEveryTraceAfterwards() throws Exception {
    // a lambda factory is never instrumented: only the pool's own worker start keeps the context out
    ThreadPoolExecutor lambdaFactoryPool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
        new LinkedBlockingQueue<>(), task -> new Thread(task, "lambda-made"));
    ThreadPoolExecutor cachedPool = (ThreadPoolExecutor) Executors.newCachedThreadPool();
    try {
      for (ThreadPoolExecutor pool : new ThreadPoolExecutor[] {lambdaFactoryPool, cachedPool}) {
        Thread worker = inSpan("request", span -> pool.submit(Thread::currentThread).get(10, TimeUnit.SECONDS));
        awaitWaiting(worker);
        CompletableFuture<Boolean> clean = new CompletableFuture<>();
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        pool.execute(() -> {
          ranOn.complete(Thread.currentThread());
          clean.complete(Traced.nothingCurrent());
        });
        assertSame(worker, ranOn.get(10, TimeUnit.SECONDS));
        assertTrue(clean.get(), "the worker kept the context of the request that started it");
      }
    } finally {
      lambdaFactoryPool.shutdownNow();
      cachedPool.shutdownNow();
    }
  }

  @Test
  void threadsMadeByAThreadFactoryInATraceDoNotKeepIt() throws Exception {
    LazyLoopExecutor loop = new LazyLoopExecutor();
    try {
      CompletableFuture<Boolean> clean = new CompletableFuture<>();
      inSpan("request", span -> {
        loop.execute(() -> clean.complete(Traced.nothingCurrent()));
        return null;
      });
      assertTrue(clean.get(10, TimeUnit.SECONDS), "the loop thread kept the context of the request that started it");
    } finally {
      loop.stop();
    }
  }

  @Test
  void aWorkerKilledByItsTaskLeavesNothingBehind() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task);
      thread.setUncaughtExceptionHandler((dead, failure) -> { });
      return thread;
    });
    try {
      inSpan("request", span -> {
        pool.execute(() -> {
          throw new IllegalStateException("the task fails and its worker ends");
        });
        return null;
      });
      assertTrue(pool.submit(Traced::nothingCurrent).get(10, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Half the tasks in their own traces, half outside any, through execute and submit: each sees exactly its own,
   * and spans started by untraced ones begin new traces.
   */
  private static void alternateTracedAndUntraced(ExecutorService pool) throws Exception {
    List<Future<SpanContext>> untraced = new ArrayList<>();
    List<CompletableFuture<SpanContext>> executed = new ArrayList<>();
    List<SpanContext> requests = new ArrayList<>();
    List<Future<SpanContext>> traced = new ArrayList<>();
    List<CompletableFuture<SpanContext>> tracedExecuted = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      untraced.add(pool.submit(untracedWork()));
      executed.add(executeSeeing(pool));
      inSpan("request", request -> {
        requests.add(request);
        traced.add(pool.submit(Traced.seeing()));
        tracedExecuted.add(executeSeeing(pool));
        return null;
      });
    }
    for (int i = 0; i < 100; i++) {
      assertFalse(untraced.get(i).get(10, TimeUnit.SECONDS).isValid());
      assertFalse(executed.get(i).get(10, TimeUnit.SECONDS).isValid());
      assertEquals(requests.get(i), traced.get(i).get(10, TimeUnit.SECONDS));
      assertEquals(requests.get(i), tracedExecuted.get(i).get(10, TimeUnit.SECONDS));
    }
    assertTrue(pool.submit(Traced::nothingCurrent).get(10, TimeUnit.SECONDS));
    for (SpanData span : TestAgent.awaitSpans(span -> span.getName().equals("untraced-work"), 100,
        Duration.ofSeconds(10))) {
      assertFalse(span.getParentSpanContext().isValid());
    }
    TestAgent.reset();
  }

  /** Until the worker waits for work again, so that a cached pool gives the next task to the same thread. */
  private static void awaitWaiting(Thread worker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (worker.getState() != Thread.State.WAITING && worker.getState() != Thread.State.TIMED_WAITING
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static CompletableFuture<SpanContext> executeSeeing(ExecutorService pool) {
    CompletableFuture<SpanContext> seen = new CompletableFuture<>();
    pool.execute(() -> seen.complete(Traced.seen()));
    return seen;
  }

  private static Callable<SpanContext> untracedWork() {
    return () -> {
      SpanContext seen = Traced.seen();
      Traced.tracer().spanBuilder("untraced-work").startSpan().end();
      return seen;
    };
  }
}
