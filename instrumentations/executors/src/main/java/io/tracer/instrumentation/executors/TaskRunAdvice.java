package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Around the methods that run a fork/join task ({@code ForkJoinTask.doExec}, the run methods of
 * {@code CompletableFuture}'s async tasks): the task's context is current while it runs, then the thread's own.
 */
public final class TaskRunAdvice {

  private TaskRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object task) {
    // a CompletableFuture task runs once; another fork/join task may run again (a CountedCompleter's next split)
    return task instanceof CompletableFuture.AsynchronousCompletionTask
        ? PropagatedContexts.attachOnce(task) : PropagatedContexts.attach(task);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object scope) {
    if (scope != null) {
      ((Scope) scope).close();
    }
  }
}
