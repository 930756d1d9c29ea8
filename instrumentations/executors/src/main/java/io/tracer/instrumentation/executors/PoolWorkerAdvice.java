package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/** On {@code ThreadPoolExecutor.Worker.run}: the worker's first task runs in its context; nothing outlives the worker. */
public final class PoolWorkerAdvice {

  private PoolWorkerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.FieldValue("firstTask") Object firstTask) {
    PooledTaskScope.begin(firstTask);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit() {
    PooledTaskScope.end();
  }
}
