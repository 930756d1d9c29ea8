package io.tracer.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/**
 * On {@code ThreadPoolExecutor.getTask}, where a worker asks for its next task: the previous task's context ends
 * before the worker waits, and the task it gets runs in its own.
 */
public final class PoolTaskTakenAdvice {

  private PoolTaskTakenAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter() {
    PooledTaskScope.end();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Return Object task) {
    PooledTaskScope.begin(task);
  }
}
