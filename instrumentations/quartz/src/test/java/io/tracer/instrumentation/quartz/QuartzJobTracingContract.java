package io.tracer.instrumentation.quartz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.jobs.CallingSuperJob;
import example.jobs.FailingJob;
import example.jobs.RecordingJob;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.core.QuartzScheduler;

/** What every job store must show; each store's test class provides a started scheduler of its kind. */
abstract class QuartzJobTracingContract {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The scheduler under test, started; job groups are named after the store so store tests never mix. */
  abstract Scheduler scheduler();

  abstract String store();

  @Test
  void theQuartzLineUnderTestIsTheOneThisRunIsFor() {
    String version = QuartzScheduler.getVersionMajor() + "." + QuartzScheduler.getVersionMinor() + "."
        + QuartzScheduler.getVersionIteration();
    assertEquals(System.getProperty("quartz.expected.version"), version);
  }

  @Test
  void aJobScheduledInARequestRunsAsAChildOfThatRequest() throws Exception {
    SpanContext request =
        inRequest(() -> scheduler().scheduleJob(job(RecordingJob.class, "report"), once("report")));
    SpanData run = awaitRun("report");
    assertEquals(request.getTraceId(), run.getTraceId());
    assertEquals(request.getSpanId(), run.getParentSpanId());
    assertEquals("report", run.getAttributes().get(QuartzJobSpans.JOB_NAME));
    assertEquals(store(), run.getAttributes().get(QuartzJobSpans.JOB_GROUP));
    assertEquals("example.jobs.RecordingJob.execute", run.getAttributes().get(QuartzJobSpans.CODE_FUNCTION));
    assertEquals("report-trigger", run.getAttributes().get(QuartzJobSpans.TRIGGER_NAME));
    assertEquals(store(), run.getAttributes().get(QuartzJobSpans.TRIGGER_GROUP));
    SpanData inside = TestAgent.awaitSpans(span -> span.getName().equals("inside report")
        && span.getTraceId().equals(run.getTraceId()), 1, WAIT).get(0);
    assertEquals(run.getSpanId(), inside.getParentSpanId());
  }

  @Test
  void aJobTriggeredNowInARequestRunsInItToo() throws Exception {
    scheduler().addJob(JobBuilder.newJob(RecordingJob.class).withIdentity("on-demand", store()).storeDurably()
        .build(), true);
    SpanContext request = inRequest(() -> scheduler().triggerJob(new JobKey("on-demand", store())));
    assertEquals(request.getSpanId(), awaitRun("on-demand").getParentSpanId());
  }

  @Test
  void aJobScheduledOutsideAnyTraceStartsItsOwn() throws Exception {
    scheduler().scheduleJob(job(RecordingJob.class, "untraced"), once("untraced"));
    SpanData run = awaitRun("untraced");
    assertFalse(run.getParentSpanContext().isValid());
    assertTrue(run.getLinks().isEmpty());
  }

  @Test
  void aFailingJobRecordsItsException() throws Exception {
    scheduler().scheduleJob(job(FailingJob.class, "failing"), once("failing"));
    SpanData run = awaitRun("failing");
    assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
    assertEquals("org.quartz.JobExecutionException", run.getAttributes().get(QuartzJobSpans.ERROR_TYPE));
    assertEquals("the report could not be written", run.getEvents().stream()
        .filter(event -> event.getName().equals("exception")).findFirst().orElseThrow()
        .getAttributes().get(AttributeKey.stringKey("exception.message")));
  }

  @Test
  void eachRunOfARepeatingTriggerIsANewTraceLinkedToTheScheduler() throws Exception {
    Trigger repeating = TriggerBuilder.newTrigger().withIdentity("repeating-trigger", store()).startNow()
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(100).withRepeatCount(1))
        .build();
    SpanContext request = inRequest(() -> scheduler().scheduleJob(job(RecordingJob.class, "repeating"), repeating));
    List<SpanData> runs = TestAgent.awaitSpans(span -> span.getName().equals(store() + ".repeating"), 2, WAIT);
    for (SpanData run : runs) {
      assertFalse(run.getParentSpanContext().isValid());
      assertNotEquals(request.getTraceId(), run.getTraceId());
      assertEquals(1, run.getLinks().size());
      SpanContext linked = run.getLinks().get(0).getSpanContext();
      assertEquals(request.getTraceId(), linked.getTraceId());
      assertEquals(request.getSpanId(), linked.getSpanId());
    }
    assertNotEquals(runs.get(0).getTraceId(), runs.get(1).getTraceId());
  }

  @Test
  void anExecuteCallingItsSuperclassGivesOneSpan() throws Exception {
    scheduler().scheduleJob(job(CallingSuperJob.class, "calling-super"), once("calling-super"));
    awaitRun("calling-super");
    assertEquals(1, TestAgent.spans().stream().filter(span -> span.getName().equals(store() + ".calling-super"))
        .count());
  }

  private JobDetail job(Class<? extends Job> type, String name) {
    return JobBuilder.newJob(type).withIdentity(name, store()).build();
  }

  private Trigger once(String job) {
    return TriggerBuilder.newTrigger().withIdentity(job + "-trigger", store()).startNow().build();
  }

  private SpanData awaitRun(String job) {
    return TestAgent.awaitSpans(span -> span.getName().equals(store() + "." + job), 1, WAIT).get(0);
  }

  private static SpanContext inRequest(Scheduling scheduling) throws Exception {
    Span request = AgentServices.tracer("quartz-test").spanBuilder("request").setParent(Context.root()).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      scheduling.run();
    } finally {
      request.end();
    }
    return request.getSpanContext();
  }

  /** Scheduling done inside a request. */
  interface Scheduling {
    void run() throws Exception;
  }
}
