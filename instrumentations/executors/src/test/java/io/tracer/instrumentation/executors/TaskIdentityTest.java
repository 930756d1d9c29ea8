package io.tracer.instrumentation.executors;

import static io.tracer.instrumentation.executors.Traced.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application sees exactly the task objects it submitted: the context travels beside them, not around them. */
class TaskIdentityTest {

  @BeforeAll
  static void install() {
    Traced.tracer();
  }

  @Test
  void removeShutdownNowAndTheExecuteHooksSeeTheSubmittedRunnables() throws Exception {
    List<Runnable> before = Collections.synchronizedList(new ArrayList<>());
    List<Runnable> after = Collections.synchronizedList(new ArrayList<>());
    List<SpanContext> seenByHook = Collections.synchronizedList(new ArrayList<>());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>()) {
      @Override
      protected void beforeExecute(Thread thread, Runnable task) {
        before.add(task);
        seenByHook.add(Traced.seen());
      }

      @Override
      protected void afterExecute(Runnable task, Throwable thrown) {
        after.add(task);
      }
    };
    CountDownLatch release = new CountDownLatch(1);
    Runnable blocker = () -> awaitQuietly(release);
    Runnable removed = () -> { };
    Runnable pending = () -> { };
    SpanContext request = inSpan("request", span -> {
      pool.execute(blocker);
      pool.execute(removed);
      pool.execute(pending);
      return span;
    });
    assertTrue(pool.remove(removed), "remove found the submitted runnable");
    assertEquals(Collections.singletonList(pending), new ArrayList<>(pool.getQueue()));
    List<Runnable> notRun = pool.shutdownNow();
    release.countDown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(Collections.singletonList(pending), notRun);
    assertSame(blocker, before.get(0));
    assertSame(blocker, after.get(0));
    assertEquals(request, seenByHook.get(0));
  }

  @Test
  void aPriorityQueueStillComparesTheSubmittedTasks() throws Exception {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new PriorityBlockingQueue<>());
    try {
      CountDownLatch release = new CountDownLatch(1);
      inSpan("request", span -> {
        pool.execute(new Prioritized(0, () -> awaitQuietly(release)));
        for (int priority : new int[] {3, 1, 2}) {
          pool.execute(new Prioritized(priority, () -> order.add(priority)));
        }
        return null;
      });
      release.countDown();
      CountDownLatch done = new CountDownLatch(1);
      pool.execute(new Prioritized(9, done::countDown));
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(Arrays.asList(1, 2, 3), order);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aScheduledFutureIsTheTaskInTheQueue() throws Exception {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      ScheduledFuture<?> future = inSpan("request", span -> scheduler.schedule(() -> { }, 1, TimeUnit.HOURS));
      assertTrue(scheduler.getQueue().contains(future));
      assertTrue(scheduler.remove((Runnable) future));
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void equalButDistinctTasksKeepTheirOwnContexts() throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    try {
      CountDownLatch release = new CountDownLatch(1);
      pool.execute(() -> awaitQuietly(release));
      List<SpanContext> seen = Collections.synchronizedList(new ArrayList<>());
      SpanContext first = inSpan("first", span -> {
        pool.execute(new SameReport("daily", seen));
        return span;
      });
      SpanContext second = inSpan("second", span -> {
        pool.execute(new SameReport("daily", seen));
        return span;
      });
      release.countDown();
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(Arrays.asList(first, second), seen);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A task with value equality, as records have: two of them are equal, yet each was submitted by its own trace. */
  private record SameReport(String name, List<SpanContext> seen) implements Runnable {
    @Override
    public void run() {
      seen.add(Traced.seen());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Prioritized implements Runnable, Comparable<Prioritized> {
    private final int priority;
    private final Runnable work;

    Prioritized(int priority, Runnable work) {
      this.priority = priority;
      this.work = work;
    }

    @Override
    public void run() {
      work.run();
    }

    @Override
    public int compareTo(Prioritized other) {
      return Integer.compare(priority, other.priority);
    }
  }
}
