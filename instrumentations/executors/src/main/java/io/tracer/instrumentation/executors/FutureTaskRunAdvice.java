package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;

/**
 * Around {@code FutureTask.run}, which runs a task at most once: its creator's context is current while it runs,
 * and is let go then rather than kept for as long as the application holds the future.
 */
public final class FutureTaskRunAdvice {

  private FutureTaskRunAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object task) {
    return PropagatedContexts.attachOnce(task);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object scope) {
    if (scope != null) {
      ((Scope) scope).close();
    }
  }
}
