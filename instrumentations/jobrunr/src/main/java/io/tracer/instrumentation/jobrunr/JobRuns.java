package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentServices;
import java.lang.reflect.InvocationTargetException;
import java.util.UUID;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;

/**
 * CONSUMER spans for jobs run by a background job server. A run starts when the worker thread calls the job
 * filters' {@code onProcessing}, from the context stored in the job only; it is current on that thread while the
 * job's code runs. A successful run ends at {@code onProcessingSucceeded}; a failed one stays open until the
 * worker's run ends ({@link #finish}), after JobRunr has decided on a retry, so that it can say when there is none.
 */
final class JobRuns {

  private static final Tracer TRACER = AgentServices.tracer("jobrunr");
  /** The run on this worker thread: JobRunr calls a job's server filters on the thread that runs it. */
  private static final ThreadLocal<JobRun> CURRENT = new ThreadLocal<>();

  private JobRuns() {}

  static void start(Job job) {
    JobRun unfinished = CURRENT.get();
    if (unfinished != null) {
      // only if the worker's end went unseen: never let one job's span or context reach the next
      CURRENT.remove();
      unfinished.end(null);
    }
    if (job.getJobDetails() == null || JobDescriptions.isIgnored(job)) {
      return;
    }
    Context stored = JobMetadataCarrier.extract(job.getMetadata());
    long attempt = attempt(job);
    SpanBuilder builder = TRACER.spanBuilder("run " + JobDescriptions.shortName(job.getJobDetails()))
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute(JobRunrAttributes.MESSAGING_SYSTEM, JobRunrAttributes.SYSTEM)
        .setAttribute(JobRunrAttributes.MESSAGING_OPERATION_TYPE, "process")
        .setAttribute(JobRunrAttributes.MESSAGING_OPERATION_NAME, "run")
        .setAttribute(JobRunrAttributes.MESSAGING_MESSAGE_ID, String.valueOf(job.getId()))
        .setAttribute(JobRunrAttributes.JOB_ATTEMPT, attempt);
    Context parent = stored;
    if (attempt > 1) {
      // a retry may run hours later: its own trace, linked to the enqueue, keeping the stored baggage
      SpanContext enqueue = Span.fromContext(stored).getSpanContext();
      if (enqueue.isValid()) {
        builder.addLink(enqueue);
      }
      parent = stored.with(Span.getInvalid());
    }
    Span span = builder.setParent(parent).startSpan();
    if (span.isRecording()) {
      JobDescriptions.describe(span, job);
      if (job.getRecurringJobId().isPresent()) {
        span.setAttribute(JobRunrAttributes.RECURRING_JOB_ID, job.getRecurringJobId().get());
      }
    }
    CURRENT.set(new JobRun(job.getId(), span, parent.with(span).makeCurrent()));
  }

  static void succeeded(Job job) {
    JobRun run = runOf(job);
    if (run != null) {
      CURRENT.remove();
      run.end(null);
    }
  }

  static void failed(Job job, Exception exception) {
    JobRun run = runOf(job);
    if (run != null) {
      run.closeScope();
      run.fail(exception instanceof InvocationTargetException && exception.getCause() != null
          ? exception.getCause() : exception);
    }
  }

  static void retriesExhausted(Job job) {
    JobRun run = runOf(job);
    if (run != null && run.failed()) {
      run.span.setAttribute(JobRunrAttributes.JOB_RETRIES_EXHAUSTED, true);
    }
  }

  /**
   * The worker's run of a job has ended, normally or by a throwable that escaped JobRunr (an {@code Error} from
   * outside the job method's reflective call, creating the job's object or initialising its class, skips every
   * filter): whatever is still open on this thread ends here.
   */
  static void finish(Throwable escaped) {
    JobRun run = CURRENT.get();
    if (run != null) {
      CURRENT.remove();
      run.end(escaped);
    }
  }

  private static JobRun runOf(Job job) {
    JobRun run = CURRENT.get();
    return run != null && run.jobId.equals(job.getId()) ? run : null;
  }

  /** Earlier failures (a retry after an exception, or after its server died mid-run) plus this run. */
  private static long attempt(Job job) {
    long failures = 0;
    for (JobState state : job.getJobStates()) {
      if (state instanceof FailedState) {
        failures++;
      }
    }
    return failures + 1;
  }

  /** One job's run on this thread. */
  private static final class JobRun {
    final UUID jobId;
    final Span span;
    private Scope scope;
    private Throwable error;

    JobRun(UUID jobId, Span span, Scope scope) {
      this.jobId = jobId;
      this.span = span;
      this.scope = scope;
    }

    void closeScope() {
      if (scope != null) {
        scope.close();
        scope = null;
      }
    }

    /** Kept for {@link #end}: recording an exception is slow the first time, and JobRunr times its filters. */
    void fail(Throwable failure) {
      if (error == null) {
        error = failure;
      }
    }

    boolean failed() {
      return error != null;
    }

    void end(Throwable escaped) {
      closeScope();
      fail(escaped);
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR);
        span.setAttribute(JobRunrAttributes.ERROR_TYPE, error.getClass().getName());
      }
      span.end();
    }
  }
}
