package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;

/**
 * On {@code Thread.run} (a platform thread's task) and {@code Thread.runWith} (Java 21+, where virtual threads
 * run their task too): the context the thread was created in is current while the task runs. A direct call of
 * {@code run()} from another thread is left alone.
 */
public final class ThreadRunAdvice {

  private ThreadRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Thread thread) {
    return thread == Thread.currentThread() ? PropagatedContexts.attachOnce(thread) : null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object scope) {
    if (scope != null) {
      ((Scope) scope).close();
    }
  }
}
