package io.tracer.instrumentation.executors;

import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * On the constructors of task classes ({@code FutureTask}, {@code ForkJoinTask}): the task keeps its creator's
 * context. {@code CompletableFuture}'s stages and async tasks are fork/join tasks too, but only some of them ever
 * run as tasks: they are left to {@link StageCreatedAdvice} and {@link AsyncTaskCreatedAdvice}. (A weak entry for
 * every stage of every future was, under load, most of the young collector's reference processing.)
 */
public final class TaskCreatedAdvice {

  private TaskCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Object task) {
    if (!(task instanceof CompletableFuture.AsynchronousCompletionTask)) {
      PropagatedContexts.capture(task);
    }
  }
}
