package io.tracer.instrumentation.executors;

import static io.tracer.instrumentation.executors.Traced.inSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.SpanContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** A thread created in a trace, platform or virtual, runs its task in that trace. */
class ThreadPropagationTest {

  @BeforeAll
  static void install() {
    Traced.tracer();
  }

  @Test
  void aThreadStartedInATraceRunsInIt() throws Exception {
    inSpan("request", request -> {
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      Thread thread = new Thread(() -> seen.complete(Traced.seen()));
      thread.start();
      assertEquals(request, seen.get(10, TimeUnit.SECONDS));
      thread.join();
      return null;
    });
  }

  @Test
  void aThreadStartedOutsideATraceRunsInNone() throws Exception {
    CompletableFuture<Boolean> clean = new CompletableFuture<>();
    Thread thread = new Thread(() -> clean.complete(Traced.nothingCurrent()));
    thread.start();
    assertTrue(clean.get(10, TimeUnit.SECONDS));
  }

  @Test
  void runCalledDirectlyFromAnotherThreadKeepsTheCallersContext() throws Exception {
    Thread created = inSpan("request", request -> new Thread(() -> assertTrue(Traced.nothingCurrent())));
    created.run();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void aVirtualThreadStartedInATraceRunsInIt() throws Exception {
    inSpan("request", request -> {
      CompletableFuture<SpanContext> seen = new CompletableFuture<>();
      Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
          .invoke(null, (Runnable) () -> seen.complete(Traced.seen()));
      assertEquals(request, seen.get(10, TimeUnit.SECONDS));
      thread.join();
      return null;
    });
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void theVirtualThreadPerTaskExecutorRunsTasksInTheSubmittersContext() throws Exception {
    ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      inSpan("request", request -> {
        CompletableFuture<SpanContext> executed = new CompletableFuture<>();
        virtual.execute(() -> executed.complete(Traced.seen()));
        assertEquals(request, executed.get(10, TimeUnit.SECONDS));
        assertEquals(request, virtual.submit((Callable<SpanContext>) Traced::seen).get(10, TimeUnit.SECONDS));
        return null;
      });
      assertFalse(virtual.submit((Callable<SpanContext>) Traced::seen).get(10, TimeUnit.SECONDS).isValid());
    } finally {
      virtual.shutdown();
    }
  }
}
