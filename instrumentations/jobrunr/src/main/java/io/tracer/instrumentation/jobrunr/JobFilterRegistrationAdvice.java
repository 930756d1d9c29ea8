package io.tracer.instrumentation.jobrunr;

import net.bytebuddy.asm.Advice;
import org.jobrunr.jobs.filters.JobDefaultFilters;

/** After {@code new JobDefaultFilters(List)}, which both the job schedulers and the background job server build. */
public final class JobFilterRegistrationAdvice {

  private JobFilterRegistrationAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This JobDefaultFilters filters) {
    JobFilterRegistration.register(filters);
  }
}
