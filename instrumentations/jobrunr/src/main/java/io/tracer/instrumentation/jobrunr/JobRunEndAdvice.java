package io.tracer.instrumentation.jobrunr;

import net.bytebuddy.asm.Advice;

/** On the exit of {@code BackgroundJobPerformer.run()}: the end of a worker thread's handling of one job. */
public final class JobRunEndAdvice {

  private JobRunEndAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Thrown Throwable escaped) {
    JobRuns.finish(escaped);
  }
}
