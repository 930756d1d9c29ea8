package io.tracer.instrumentation.executors;

import java.util.concurrent.ForkJoinWorkerThread;
import net.bytebuddy.asm.Advice;

/**
 * On the constructors of {@code Thread}: a thread created in a trace runs its task in that trace. Fork/join
 * workers (virtual threads' carriers among them) and the JDK's own system threads serve every trace, never one.
 */
public final class ThreadCreatedAdvice {

  private ThreadCreatedAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Thread thread) {
    if (!(thread instanceof ForkJoinWorkerThread) && !thread.getClass().getName().startsWith("jdk.internal.")) {
      PropagatedContexts.capture(thread);
    }
  }
}
