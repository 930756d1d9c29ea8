package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentLog;
import org.jobrunr.jobs.AbstractJob;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobClientFilter;
import org.jobrunr.jobs.filters.JobServerFilter;

/**
 * The job filter added to every JobRunr filter chain. On the client side it stores the current context (the
 * enqueue span) with each new job; recurring job definitions get none, so each of their runs starts a new trace.
 * On the server side it drives {@link JobRuns}. Nothing here may fail a job: problems are only logged.
 */
final class TracingJobFilter implements JobClientFilter, JobServerFilter {

  @Override
  public void onCreating(AbstractJob job) {
    try {
      if (job instanceof Job && job.getJobDetails() != null && !JobDescriptions.isIgnored(job)) {
        JobMetadataCarrier.inject(Context.current(), ((Job) job).getMetadata());
      }
    } catch (RuntimeException | LinkageError e) {
      AgentLog.debug("jobrunr: could not store the trace context with job " + job.getId() + ": " + e);
    }
  }

  @Override
  public void onProcessing(Job job) {
    try {
      JobRuns.start(job);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.debug("jobrunr: could not start the span of job " + job.getId() + ": " + e);
    }
  }

  @Override
  public void onProcessingSucceeded(Job job) {
    try {
      JobRuns.succeeded(job);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.debug("jobrunr: could not end the span of job " + job.getId() + ": " + e);
    }
  }

  @Override
  public void onProcessingFailed(Job job, Exception exception) {
    try {
      JobRuns.failed(job, exception);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.debug("jobrunr: could not record the failure of job " + job.getId() + ": " + e);
    }
  }

  @Override
  public void onFailedAfterRetries(Job job) {
    try {
      JobRuns.retriesExhausted(job);
    } catch (RuntimeException | LinkageError e) {
      AgentLog.debug("jobrunr: could not mark job " + job.getId() + " as out of retries: " + e);
    }
  }
}
