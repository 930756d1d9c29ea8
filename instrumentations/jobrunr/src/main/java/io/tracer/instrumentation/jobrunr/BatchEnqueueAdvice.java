package io.tracer.instrumentation.jobrunr;

import io.tracer.instrumentation.jobrunr.EnqueueSpans.Enqueue;
import java.util.List;
import net.bytebuddy.asm.Advice;
import org.jobrunr.jobs.Job;

/** On {@code AbstractJobScheduler.saveJobs(List)}, where jobs enqueued from a stream or list are saved in batches. */
public final class BatchEnqueueAdvice {

  private BatchEnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Argument(0) List<Job> jobs) {
    return EnqueueSpans.startBatch(jobs);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object enqueue, @Advice.Thrown Throwable thrown) {
    if (enqueue != null) {
      EnqueueSpans.end((Enqueue) enqueue, null, thrown);
    }
  }
}
