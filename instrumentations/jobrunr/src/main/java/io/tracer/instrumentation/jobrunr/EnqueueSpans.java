package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentServices;
import java.util.List;
import org.jobrunr.jobs.Job;

/**
 * PRODUCER spans around the scheduler's save of new jobs, one per job or one per batch. The span is current while
 * JobRunr runs its client filters, so {@link TracingJobFilter#onCreating} stores it as the jobs' parent.
 */
final class EnqueueSpans {

  private static final Tracer TRACER = AgentServices.tracer("jobrunr");
  /** Marks a context inside an enqueue span: a save that calls through to another one gets no second span. */
  private static final ContextKey<Boolean> ENQUEUING = ContextKey.named("io.tracer.jobrunr.enqueuing");

  private EnqueueSpans() {}

  /** @return what {@link #end} needs, or {@code null} when this save is not traced */
  static Enqueue start(Job job) {
    if (!JobFilterRegistration.SUPPORTED || job == null || job.getJobDetails() == null
        || Context.current().get(ENQUEUING) != null || JobDescriptions.isIgnored(job)) {
      return null;
    }
    return start("enqueue " + JobDescriptions.shortName(job.getJobDetails()));
  }

  /** One span for the batch, named after the job when every job in it runs the same method. */
  static Enqueue startBatch(List<Job> jobs) {
    if (!JobFilterRegistration.SUPPORTED || jobs == null || Context.current().get(ENQUEUING) != null) {
      return null;
    }
    String commonName = null;
    long traced = 0;
    for (Job job : jobs) {
      if (job.getJobDetails() == null || JobDescriptions.isIgnored(job)) {
        continue;
      }
      String name = JobDescriptions.shortName(job.getJobDetails());
      commonName = traced == 0 || name.equals(commonName) ? name : "";
      traced++;
    }
    if (traced == 0) {
      return null;
    }
    Enqueue enqueue = start(commonName.isEmpty() ? "enqueue" : "enqueue " + commonName);
    enqueue.span.setAttribute(JobRunrAttributes.MESSAGING_BATCH_MESSAGE_COUNT, traced);
    return enqueue;
  }

  private static Enqueue start(String spanName) {
    Context parent = Context.current();
    Span span = TRACER.spanBuilder(spanName)
        .setSpanKind(SpanKind.PRODUCER)
        .setParent(parent)
        .setAttribute(JobRunrAttributes.MESSAGING_SYSTEM, JobRunrAttributes.SYSTEM)
        .setAttribute(JobRunrAttributes.MESSAGING_OPERATION_TYPE, "send")
        .setAttribute(JobRunrAttributes.MESSAGING_OPERATION_NAME, "enqueue")
        .startSpan();
    return new Enqueue(span, parent.with(span).with(ENQUEUING, Boolean.TRUE).makeCurrent());
  }

  /** @param job the one job saved, {@code null} for a batch; its filters have named and labelled it by now */
  static void end(Enqueue enqueue, Job job, Throwable thrown) {
    enqueue.scope.close();
    Span span = enqueue.span;
    if (job != null && span.isRecording()) {
      if (job.getId() != null) {
        span.setAttribute(JobRunrAttributes.MESSAGING_MESSAGE_ID, job.getId().toString());
      }
      span.setAttribute(JobRunrAttributes.JOB_STATE, job.getState().name());
      JobDescriptions.describe(span, job);
    }
    if (thrown != null) {
      span.recordException(thrown);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(JobRunrAttributes.ERROR_TYPE, thrown.getClass().getName());
    }
    span.end();
  }

  /** Handed from the enter advice to the exit advice. */
  static final class Enqueue {
    final Span span;
    final Scope scope;

    Enqueue(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }
}
