package io.tracer.instrumentation.executors;

import static io.tracer.instrumentation.executors.Traced.inSpan;
import static io.tracer.instrumentation.executors.Traced.seeing;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.SpanContext;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ForkJoinPool (own and common) and CompletableFuture async stages run in the context that asked for them. */
class ForkJoinPropagationTest {

  private static ForkJoinPool forkJoin;
  private static ExecutorService pool;

  @BeforeAll
  static void startPools() {
    Traced.tracer();
    forkJoin = new ForkJoinPool(2);
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopPools() {
    forkJoin.shutdownNow();
    pool.shutdownNow();
  }

  @Test
  void forkJoinPoolTasksRunInTheSubmittersContext() throws Exception {
    inSpan("request", request -> {
      assertEquals(request, forkJoin.submit(seeing()).get(10, TimeUnit.SECONDS));
      CompletableFuture<SpanContext> executed = new CompletableFuture<>();
      forkJoin.execute(() -> executed.complete(Traced.seen()));
      assertEquals(request, executed.get(10, TimeUnit.SECONDS));
      assertEquals(request, ForkJoinPool.commonPool().submit(seeing()).get(10, TimeUnit.SECONDS));
      return null;
    });
  }

  @Test
  void forkedSubtasksRunInTheContextOfTheTaskThatForkedThem() throws Exception {
    inSpan("request", request -> {
      assertEquals(Collections.singleton(request), forkJoin.invoke(new SeenBySubtasks(64)));
      return null;
    });
  }

  @Test
  void parallelStreamWorkRunsInTheCallersContext() throws Exception {
    // many rounds: a stream's subtasks fork themselves again mid-split, on whichever worker steals them
    for (int round = 0; round < 50; round++) {
      inSpan("request", request -> {
        Set<SpanContext> seen = Collections.synchronizedSet(new HashSet<>());
        IntStream.range(0, 1000).parallel().forEach(i -> seen.add(Traced.seen()));
        assertEquals(Collections.singleton(request), seen);
        return null;
      });
    }
  }

  @Test
  void asyncStagesRunInTheContextThatCreatedThem() throws Exception {
    inSpan("request", request -> {
      assertEquals(request, CompletableFuture.supplyAsync(Traced::seen).get(10, TimeUnit.SECONDS));
      assertEquals(request, CompletableFuture.supplyAsync(Traced::seen, pool).get(10, TimeUnit.SECONDS));
      assertEquals(request, CompletableFuture.supplyAsync(Traced::seen, forkJoin).get(10, TimeUnit.SECONDS));
      CompletableFuture<SpanContext> ran = new CompletableFuture<>();
      CompletableFuture.runAsync(() -> ran.complete(Traced.seen())).get(10, TimeUnit.SECONDS);
      assertEquals(request, ran.get());
      return null;
    });
  }

  @Test
  void aStageChainedInATraceRunsInItEvenWhenCompletedFromOutside() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<SpanContext> onDefault = new CompletableFuture<>();
    CompletableFuture<SpanContext> onPool = new CompletableFuture<>();
    SpanContext request = inSpan("request", span -> {
      source.thenApplyAsync(value -> onDefault.complete(Traced.seen()));
      source.thenApplyAsync(value -> onPool.complete(Traced.seen()), pool);
      return span;
    });
    pool.execute(() -> source.complete("done"));
    assertEquals(request, onDefault.get(10, TimeUnit.SECONDS));
    assertEquals(request, onPool.get(10, TimeUnit.SECONDS));
  }

  /** Splits itself down to single items, each reporting the context it ran in. */
  private static final class SeenBySubtasks extends RecursiveTask<Set<SpanContext>> {
    private final int size;

    SeenBySubtasks(int size) {
      this.size = size;
    }

    @Override
    protected Set<SpanContext> compute() {
      if (size == 1) {
        return Collections.singleton(Traced.seen());
      }
      SeenBySubtasks left = new SeenBySubtasks(size / 2);
      SeenBySubtasks right = new SeenBySubtasks(size - size / 2);
      left.fork();
      Set<SpanContext> seen = new HashSet<>(right.compute());
      seen.addAll(left.join());
      return seen;
    }
  }
}
