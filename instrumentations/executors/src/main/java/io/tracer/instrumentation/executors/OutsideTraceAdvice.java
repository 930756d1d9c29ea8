package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import net.bytebuddy.asm.Advice;

/**
 * Runs a method with no context current, so that what it creates captures none: pool worker threads (started by
 * {@code ThreadPoolExecutor.addWorker} or by any {@code ThreadFactory}) live long after the request that happened
 * to create them, and periodic tasks would otherwise put every run into the trace that scheduled them.
 */
public final class OutsideTraceAdvice {

  private OutsideTraceAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter() {
    return Context.current() == Context.root() ? null : Context.root().makeCurrent();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object scope) {
    if (scope != null) {
      ((Scope) scope).close();
    }
  }
}
