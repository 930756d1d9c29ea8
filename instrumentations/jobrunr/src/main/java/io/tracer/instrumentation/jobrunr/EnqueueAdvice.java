package io.tracer.instrumentation.jobrunr;

import io.tracer.instrumentation.jobrunr.EnqueueSpans.Enqueue;
import net.bytebuddy.asm.Advice;
import org.jobrunr.jobs.Job;

/** On {@code AbstractJobScheduler.saveJob(Job)}, where every enqueue, schedule and create of one job passes. */
public final class EnqueueAdvice {

  private EnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Argument(0) Job job) {
    return EnqueueSpans.start(job);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Argument(0) Job job, @Advice.Enter Object enqueue,
      @Advice.Thrown Throwable thrown) {
    if (enqueue != null) {
      EnqueueSpans.end((Enqueue) enqueue, job, thrown);
    }
  }
}
