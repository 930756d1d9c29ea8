package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/** On the constructors of task classes ({@code FutureTask}, {@code ForkJoinTask}): the task keeps its creator's context. */
public final class TaskCreatedAdvice {

  private TaskCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Object task) {
    PropagatedContexts.capture(task);
  }
}
