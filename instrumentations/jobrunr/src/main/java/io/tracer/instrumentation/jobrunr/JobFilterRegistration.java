package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentLog;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobDefaultFilters;
import org.jobrunr.jobs.filters.JobServerFilter;

/** Adds the {@link TracingJobFilter} to JobRunr's default filters, where this JobRunr has the hooks it needs. */
final class JobFilterRegistration {

  /** JobRunr 6.1 added the failure hooks; before them a failed run could not be told from a successful one. */
  static final boolean SUPPORTED = hasFailureHooks();

  private JobFilterRegistration() {}

  static void register(JobDefaultFilters filters) {
    if (SUPPORTED) {
      filters.addAll(Collections.singletonList(new TracingJobFilter()));
      loadWhatTheFilterUses();
    }
  }

  /**
   * While the application starts rather than in its first job: JobRunr warns about any job filter call over 10 ms,
   * and loading the propagators and our helpers would make the first calls that slow.
   */
  private static void loadWhatTheFilterUses() {
    Map<String, Object> metadata = new HashMap<>();
    JobMetadataCarrier.inject(Context.root(), metadata);
    JobMetadataCarrier.extract(metadata);
    JobRunrSettings.current();
  }

  private static boolean hasFailureHooks() {
    try {
      JobServerFilter.class.getMethod("onProcessingFailed", Job.class, Exception.class);
      JobServerFilter.class.getMethod("onFailedAfterRetries", Job.class);
      return true;
    } catch (NoSuchMethodException e) {
      if (AgentLog.isDebugEnabled()) {
        AgentLog.once("jobrunr-unsupported", "debug: JobRunr: this version (before 6.1: no onProcessingFailed job"
            + " filter hook) is not supported: left uninstrumented");
      }
      return false;
    }
  }
}
