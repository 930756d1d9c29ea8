package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/**
 * On the constructor of {@code CompletableFuture}'s dependent stages: an async stage ({@code thenApplyAsync} and
 * the like, which has an executor) keeps its creator's context. A stage without one runs inside whatever completes
 * its source, on that thread and in its context, so nothing is kept for it.
 */
public final class StageCreatedAdvice {

  private StageCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Object stage, @Advice.FieldValue("executor") Object executor) {
    if (executor != null) {
      PropagatedContexts.capture(stage);
    }
  }
}
