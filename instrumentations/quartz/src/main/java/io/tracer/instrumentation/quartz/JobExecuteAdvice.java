package io.tracer.instrumentation.quartz;

import net.bytebuddy.asm.Advice;
import org.quartz.JobExecutionContext;

/** On {@code Job.execute}: the job runs inside its span. */
public final class JobExecuteAdvice {

  private JobExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object job, @Advice.Argument(0) JobExecutionContext execution) {
    return execution == null ? null : QuartzJobSpans.start(job, execution);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object run, @Advice.Thrown Throwable thrown) {
    if (run != null) {
      QuartzJobSpans.end((QuartzJobSpans.JobRun) run, thrown);
    }
  }
}
