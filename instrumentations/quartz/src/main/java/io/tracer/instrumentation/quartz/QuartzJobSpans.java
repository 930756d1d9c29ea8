package io.tracer.instrumentation.quartz;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentServices;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

/**
 * One span per job execution, named after the job ({@code group.name}). Its parent is the context stored in the
 * trigger's data when the trigger fires once; a repeating trigger starts a new trace on every run, linked to the
 * code that scheduled it, rather than growing that trace for ever. Never a context left on the worker thread.
 */
final class QuartzJobSpans {

  static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("quartz.job.name");
  static final AttributeKey<String> JOB_GROUP = AttributeKey.stringKey("quartz.job.group");
  static final AttributeKey<String> TRIGGER_NAME = AttributeKey.stringKey("quartz.trigger.name");
  static final AttributeKey<String> TRIGGER_GROUP = AttributeKey.stringKey("quartz.trigger.group");
  static final AttributeKey<String> FIRE_INSTANCE = AttributeKey.stringKey("quartz.fire_instance_id");
  static final AttributeKey<Long> REFIRE_COUNT = AttributeKey.longKey("quartz.refire_count");
  static final AttributeKey<Boolean> RECOVERING = AttributeKey.booleanKey("quartz.recovering");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** Marks the execution in progress, so that an {@code execute} calling its superclass's gets no second span. */
  private static final ContextKey<JobExecutionContext> EXECUTING = ContextKey.named("tracer-quartz-execution");

  private static final Tracer TRACER = AgentServices.tracer("quartz");

  private QuartzJobSpans() {}

  /** @return the run to end, or {@code null} when this execution already has its span */
  static JobRun start(Object job, JobExecutionContext execution) {
    if (Context.current().get(EXECUTING) == execution) {
      return null;
    }
    JobKey jobKey = execution.getJobDetail().getKey();
    Trigger trigger = execution.getTrigger();
    Context stored = AgentServices.propagator().extract(Context.root(), trigger.getJobDataMap(),
        TriggerDataCarrier.INSTANCE);
    SpanBuilder builder = TRACER.spanBuilder(jobKey.toString()).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(CODE_FUNCTION, job.getClass().getName() + ".execute")
        .setAttribute(JOB_NAME, jobKey.getName())
        .setAttribute(JOB_GROUP, jobKey.getGroup())
        .setAttribute(TRIGGER_NAME, trigger.getKey().getName())
        .setAttribute(TRIGGER_GROUP, trigger.getKey().getGroup());
    if (execution.getFireInstanceId() != null) {
      builder.setAttribute(FIRE_INSTANCE, execution.getFireInstanceId());
    }
    if (execution.getRefireCount() > 0) {
      builder.setAttribute(REFIRE_COUNT, (long) execution.getRefireCount());
    }
    if (execution.isRecovering()) {
      builder.setAttribute(RECOVERING, true);
    }
    Context parent;
    if (firesOnce(trigger)) {
      parent = stored;
    } else {
      parent = Baggage.fromContext(stored).storeInContext(Context.root());
      SpanContext scheduledBy = Span.fromContext(stored).getSpanContext();
      if (scheduledBy.isValid()) {
        builder.addLink(scheduledBy);
      }
    }
    Span span = builder.setParent(parent).startSpan();
    Scope scope = parent.with(span).with(EXECUTING, execution).makeCurrent();
    return new JobRun(span, scope);
  }

  static void end(JobRun run, Throwable thrown) {
    try {
      if (thrown != null) {
        run.span.recordException(thrown);
        run.span.setStatus(StatusCode.ERROR);
        run.span.setAttribute(ERROR_TYPE, thrown.getClass().getName());
      }
      run.span.end();
    } finally {
      run.scope.close();
    }
  }

  private static boolean firesOnce(Trigger trigger) {
    return trigger instanceof SimpleTrigger && ((SimpleTrigger) trigger).getRepeatCount() == 0;
  }

  /** What enter hands to exit. */
  static final class JobRun {
    final Span span;
    final Scope scope;

    JobRun(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }
}
