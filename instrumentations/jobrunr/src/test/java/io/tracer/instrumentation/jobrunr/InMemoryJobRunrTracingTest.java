package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.List;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.lambdas.JobLambda;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

/** The in-memory storage, with what needs no database: scheduling, job requests, recurring jobs, ignored jobs. */
class InMemoryJobRunrTracingTest extends JobRunrTracingTest {

  @Override
  StorageProvider createStorageProvider() {
    return new InMemoryStorageProvider();
  }

  @Override
  Duration pollInterval() {
    return Duration.ofMillis(200);
  }

  @Test
  void aScheduledJobRunsAsAChildOfItsScheduleSpan() throws Exception {
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = schedule(Instant.now().plusMillis(300), () -> TestJobs.greet("scheduled"));
    } finally {
      request.end();
    }
    SpanData run = awaitRuns(jobId, 1).get(0);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));
    assertEquals("SCHEDULED", string(enqueue, "jobrunr.job.state"));
    assertEquals(request.getSpanContext().getSpanId(), enqueue.getParentSpanId());
    assertEquals(enqueue.getSpanId(), run.getParentSpanId());
  }

  @Test
  void aJobRequestIsNamedAfterItsHandler() {
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = jobRequestScheduler.enqueue(new GreetingRequest("request"));
    } finally {
      request.end();
    }
    SpanData run = awaitRuns(jobId, 1).get(0);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));
    assertEquals("enqueue GreetingRequest$GreetingRequestHandler.run", enqueue.getName());
    assertEquals("run GreetingRequest$GreetingRequestHandler.run", run.getName());
    assertEquals(enqueue.getSpanId(), run.getParentSpanId());
    assertEquals(run.getSpanContext(), TestJobs.CURRENT_SPAN_WHILE_RUNNING.get("request"));
  }

  @Test
  void aJobEnqueuedOutsideAnyTraceStartsOne() {
    JobId jobId = jobScheduler.enqueue(() -> TestJobs.batch("no-trace"));
    SpanData run = awaitRuns(jobId, 1).get(0);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));
    assertFalse(enqueue.getParentSpanContext().isValid());
    assertEquals(enqueue.getSpanId(), run.getParentSpanId());
  }

  @Test
  void aJobEnqueuedInAnUnsampledTraceStaysInItUnsampled() throws Exception {
    SpanContext unsampled = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
        "b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());
    try (Scope ignored = Span.wrap(unsampled).makeCurrent()) {
      jobScheduler.enqueue(() -> TestJobs.batch("unsampled"));
    }
    SpanContext whileRunning = awaitRun("unsampled");
    assertEquals(unsampled.getTraceId(), whileRunning.getTraceId());
    assertFalse(whileRunning.isSampled());
    assertTrue(TestAgent.spans().stream().noneMatch(span -> span.getTraceId().equals(unsampled.getTraceId())));
  }

  @Test
  void argumentsAreCutToTheConfiguredLength() {
    JobId jobId = jobScheduler.enqueue(() -> TestJobs.withText("long", "0123456789abcdefghijklmnopqrstuvwxyz"));
    SpanData run = awaitRuns(jobId, 1).get(0);
    assertEquals(List.of("long", "0123456789abcdef"),
        run.getAttributes().get(AttributeKey.stringArrayKey("jobrunr.job.arguments")));
  }

  @Test
  void eachRunOfARecurringJobStartsItsOwnTrace() {
    Span request = tracer.spanBuilder("request").startSpan();
    String recurringJobId;
    try (Scope ignored = request.makeCurrent()) {
      recurringJobId = jobScheduler.scheduleRecurrently("tracer-recurring", shortestRecurringInterval(),
          () -> TestJobs.recurring());
    } finally {
      request.end();
    }
    try {
      List<SpanData> runs = TestAgent.awaitSpans(span -> span.getKind() == SpanKind.CONSUMER
          && recurringJobId.equals(string(span, "jobrunr.recurring_job.id")), 2, TIMEOUT);
      String requestTrace = request.getSpanContext().getTraceId();
      for (SpanData run : runs) {
        assertEquals("run TestJobs.recurring", run.getName());
        assertFalse(run.getParentSpanContext().isValid(), "a recurring run is a root: " + run);
        assertNotEquals(requestTrace, run.getTraceId());
      }
      assertEquals(runs.size(), runs.stream().map(SpanData::getTraceId).distinct().count());
      assertTrue(TestAgent.spans().stream().noneMatch(span -> span.getTraceId().equals(requestTrace)
          && span.getKind() != SpanKind.INTERNAL), "the recurring job's definition carries no trace");
    } finally {
      storage.deleteRecurringJob(recurringJobId);
    }
  }

  @Test
  void anIgnoredJobHasNoSpanAndStoresNoContext() throws Exception {
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = jobScheduler.enqueue(() -> TestJobs.untracedProbe("ignored"));
    } finally {
      request.end();
    }
    SpanContext whileRunning = awaitRun("ignored");
    assertFalse(whileRunning.isValid(), "no span is current in an ignored job: " + whileRunning);
    assertTrue(storage.getJobById(jobId).getMetadata().keySet().stream().noneMatch(key -> key.startsWith("tracer.")));
    String id = jobId.toString();
    assertTrue(TestAgent.spans().stream().noneMatch(span -> id.equals(messageId(span))));
  }

  @Test
  void aRunEndedByAnErrorLeavesNoContextOnTheWorkerThread() throws Exception {
    JobId broken = jobRequestScheduler.enqueue(new BrokenRequest());
    SpanData run = awaitRuns(broken, 1).get(0);
    assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
    assertEquals("java.lang.AssertionError", string(run, "error.type"));

    // the one worker thread runs the next job: an ignored one, which must find no span current
    jobScheduler.enqueue(() -> TestJobs.untracedProbe("after-error"));
    SpanContext whileRunning = awaitRun("after-error");
    assertFalse(whileRunning.isValid(), "the failed run's span leaked onto the worker: " + whileRunning);
    jobScheduler.delete(broken);
  }

  /** Every second from 7.0 on; JobRunr 6 accepts no less than 5 s. */
  private static Duration shortestRecurringInterval() {
    return Duration.ofSeconds(acceptsPollIntervalsUnderFiveSeconds() ? 1 : 5);
  }

  /** {@code schedule(Instant, JobLambda)} up to 6.x, {@code schedule(Temporal, JobLambda)} from 7.0 on. */
  private JobId schedule(Instant at, JobLambda job) throws Exception {
    for (Method method : JobScheduler.class.getMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if (method.getName().equals("schedule") && parameters.length == 2 && parameters[0].isAssignableFrom(Instant.class)
          && parameters[1] == JobLambda.class) {
        return (JobId) method.invoke(jobScheduler, at, job);
      }
    }
    throw new AssertionError("no JobScheduler.schedule for an Instant");
  }

  private static SpanContext awaitRun(String marker) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!TestJobs.CURRENT_SPAN_WHILE_RUNNING.containsKey(marker)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + marker + " did not run within " + TIMEOUT);
      }
      Thread.sleep(20);
    }
    return TestJobs.CURRENT_SPAN_WHILE_RUNNING.get(marker);
  }
}
