package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/** On the constructors of the tasks of {@code supplyAsync} and {@code runAsync}: the task keeps its creator's context. */
public final class AsyncTaskCreatedAdvice {

  private AsyncTaskCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Object task) {
    PropagatedContexts.capture(task);
  }
}
