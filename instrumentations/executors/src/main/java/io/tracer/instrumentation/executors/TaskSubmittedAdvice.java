package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/** On {@code ThreadPoolExecutor.execute}: a plain {@code Runnable} keeps its submitter's context. */
public final class TaskSubmittedAdvice {

  private TaskSubmittedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.Argument(0) Object task) {
    PropagatedContexts.capture(task);
  }
}
