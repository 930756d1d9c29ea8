package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * What every storage must show, with a real JobRunr scheduler and background job server on the storage a subclass
 * provides. Tests run side by side (each waits for its own jobs), so they find their spans by job id or trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
abstract class JobRunrTracingTest {

  static final Duration TIMEOUT = Duration.ofSeconds(40);
  static final JsonMapper JSON = new JacksonJsonMapper();

  Tracer tracer;
  StorageProvider storage;
  JobScheduler jobScheduler;
  JobRequestScheduler jobRequestScheduler;
  private BackgroundJobServer server;

  abstract StorageProvider createStorageProvider() throws Exception;

  /** The shortest poll interval this JobRunr and storage accept: jobs are picked up at the next poll. */
  abstract Duration pollInterval();

  @BeforeAll
  void startJobRunr() throws Exception {
    TestAgent.install();
    tracer = AgentServices.tracer("test");
    storage = createStorageProvider();
    storage.setJobMapper(new JobMapper(JSON));
    jobScheduler = new JobScheduler(storage);
    jobRequestScheduler = new JobRequestScheduler(storage);
    server = new BackgroundJobServer(storage, JSON, new TestJobActivator(), serverConfiguration());
    server.start();
  }

  @AfterAll
  void stopJobRunr() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (storage != null) {
      storage.close();
    }
  }

  /** One worker: the jobs of a test class share one thread, as a busy server's jobs do. */
  private BackgroundJobServerConfiguration serverConfiguration() throws Exception {
    BackgroundJobServerConfiguration configuration =
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration().andWorkerCount(1);
    if (acceptsPollIntervalsUnderFiveSeconds()) {
      return (BackgroundJobServerConfiguration) BackgroundJobServerConfiguration.class
          .getMethod("andPollInterval", Duration.class).invoke(configuration, pollInterval());
    }
    return configuration.andPollIntervalInSeconds((int) Math.max(5, pollInterval().getSeconds()));
  }

  /** From 7.0 on the poll interval is a Duration, and the in-memory storage allows less than 5 s. */
  static boolean acceptsPollIntervalsUnderFiveSeconds() {
    try {
      BackgroundJobServerConfiguration.class.getMethod("andPollInterval", Duration.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  @Test
  void aJobEnqueuedInATraceRunsAsAChildOfItsEnqueueSpan() {
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = jobScheduler.enqueue(() -> TestJobs.greet("child"));
    } finally {
      request.end();
    }
    SpanData run = awaitRuns(jobId, 1).get(0);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));

    assertEquals("enqueue TestJobs.greet", enqueue.getName());
    assertEquals(request.getSpanContext().getSpanId(), enqueue.getParentSpanId());
    assertEquals("io.tracer.jobrunr", enqueue.getInstrumentationScopeInfo().getName());
    assertEquals("send", string(enqueue, "messaging.operation.type"));
    assertEquals("ENQUEUED", string(enqueue, "jobrunr.job.state"));

    assertEquals("run TestJobs.greet", run.getName());
    assertEquals(SpanKind.CONSUMER, run.getKind());
    assertEquals(enqueue.getTraceId(), run.getTraceId());
    assertEquals(enqueue.getSpanId(), run.getParentSpanId());
    assertEquals(StatusCode.UNSET, run.getStatus().getStatusCode());
    for (SpanData span : Arrays.asList(enqueue, run)) {
      assertEquals("jobrunr", string(span, "messaging.system"));
      assertEquals("Greet child", string(span, "jobrunr.job.name"));
      assertEquals("io.tracer.instrumentation.jobrunr.TestJobs.greet(java.lang.String)",
          string(span, "jobrunr.job.signature"));
      assertEquals(List.of("greeting"), span.getAttributes().get(AttributeKey.stringArrayKey("jobrunr.job.labels")));
      assertEquals(List.of("child"), span.getAttributes().get(AttributeKey.stringArrayKey("jobrunr.job.arguments")));
    }
    assertEquals("process", string(run, "messaging.operation.type"));
    assertEquals(1L, run.getAttributes().get(AttributeKey.longKey("jobrunr.job.attempt")));
    assertEquals(run.getSpanContext(), TestJobs.CURRENT_SPAN_WHILE_RUNNING.get("child"),
        "the run span is current while the job's code runs");
  }

  @Test
  void aFailedJobIsRetriedInANewTraceLinkedToItsEnqueueAndTheLastRunSaysNoRetryIsLeft() {
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = jobScheduler.enqueue(() -> TestJobs.alwaysFail("retried"));
    } finally {
      request.end();
    }
    List<SpanData> runs = awaitRuns(jobId, 2);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));
    SpanData first = runs.get(0);
    SpanData retry = runs.get(1);

    assertEquals(1L, first.getAttributes().get(AttributeKey.longKey("jobrunr.job.attempt")));
    assertEquals(enqueue.getSpanId(), first.getParentSpanId());
    assertFailedWith(first, "boom retried");
    assertNull(first.getAttributes().get(AttributeKey.booleanKey("jobrunr.job.retries_exhausted")));

    assertEquals(2L, retry.getAttributes().get(AttributeKey.longKey("jobrunr.job.attempt")));
    assertFalse(retry.getParentSpanContext().isValid(), "a retry starts a new trace");
    assertNotEquals(enqueue.getTraceId(), retry.getTraceId());
    assertEquals(1, retry.getLinks().size());
    assertEquals(enqueue.getTraceId(), retry.getLinks().get(0).getSpanContext().getTraceId());
    assertEquals(enqueue.getSpanId(), retry.getLinks().get(0).getSpanContext().getSpanId());
    assertFailedWith(retry, "boom retried");
    assertEquals(true, retry.getAttributes().get(AttributeKey.booleanKey("jobrunr.job.retries_exhausted")));
    assertEquals(1L, retry.getAttributes().get(AttributeKey.longKey("jobrunr.job.retries")));

    // JobRunr clears a job's metadata when it succeeds; a failed job keeps it, with the enqueue's traceparent
    Object traceparent = storage.getJobById(jobId).getMetadata().get("tracer.traceparent");
    assertEquals("00-" + enqueue.getTraceId() + "-" + enqueue.getSpanId() + "-"
        + enqueue.getSpanContext().getTraceFlags().asHex(), traceparent);
  }

  @Test
  void aBatchEnqueueIsOneSpanAndTheParentOfEveryRun() {
    Span request = tracer.spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      jobScheduler.enqueue(Stream.of("batch-1", "batch-2", "batch-3"), marker -> TestJobs.batch(marker));
    } finally {
      request.end();
    }
    String traceId = request.getSpanContext().getTraceId();
    List<SpanData> runs = TestAgent.awaitSpans(
        span -> span.getKind() == SpanKind.CONSUMER && span.getTraceId().equals(traceId), 3, TIMEOUT);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && span.getTraceId().equals(traceId));

    assertEquals("enqueue TestJobs.batch", enqueue.getName());
    assertEquals(3L, enqueue.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
    assertNull(messageId(enqueue));
    for (SpanData run : runs) {
      assertEquals("run TestJobs.batch", run.getName());
      assertEquals(enqueue.getSpanId(), run.getParentSpanId());
    }
    assertEquals(3, runs.stream().map(JobRunrTracingTest::messageId).distinct().count());
  }

  /** The runs of one job that have ended, in attempt order. */
  static List<SpanData> awaitRuns(JobId jobId, int count) {
    return TestAgent.awaitSpans(span -> span.getKind() == SpanKind.CONSUMER
            && jobId.toString().equals(messageId(span)), count, TIMEOUT).stream()
        .sorted(Comparator.comparing(span -> span.getAttributes().get(AttributeKey.longKey("jobrunr.job.attempt"))))
        .collect(Collectors.toList());
  }

  static SpanData onlySpan(Predicate<SpanData> matching) {
    List<SpanData> matched = TestAgent.spans().stream().filter(matching).collect(Collectors.toList());
    assertEquals(1, matched.size(), "matching spans: " + matched);
    return matched.get(0);
  }

  static void assertFailedWith(SpanData run, String message) {
    assertEquals(StatusCode.ERROR, run.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalStateException", string(run, "error.type"));
    EventData exception = run.getEvents().stream().filter(event -> event.getName().equals("exception")).findFirst()
        .orElseThrow(() -> new AssertionError("no exception event on " + run));
    assertEquals(message, exception.getAttributes().get(AttributeKey.stringKey("exception.message")));
    assertEquals(1, run.getEvents().size(), "the failure is recorded once");
  }

  static String messageId(SpanData span) {
    return string(span, "messaging.message.id");
  }

  static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  /** Creates job request handlers, and refuses {@link BrokenRequest}'s with an {@code Error}. */
  static final class TestJobActivator implements JobActivator {
    @Override
    public <T> T activateJob(Class<T> type) {
      if (type == BrokenRequest.BrokenRequestHandler.class) {
        throw new AssertionError("refused to create " + type.getName());
      }
      try {
        return type.getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
