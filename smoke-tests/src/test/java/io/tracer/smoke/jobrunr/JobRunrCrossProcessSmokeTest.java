package io.tracer.smoke.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two JVMs with the agent share JobRunr's PostgreSQL storage: a web application enqueues jobs while it serves a
 * request, a worker runs them. The worker's run spans belong to the request's trace, which only the job's stored
 * metadata can have carried there, and the job's own query is a child of its run.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunrCrossProcessSmokeTest {

  /** The worker polls every 5 s; a retry waits 3 s more. */
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(60);
  private static final String TABLE_PREFIX = "tracer_smoke_jobrunr_";

  private OtlpReceiver receiver;
  private TracedApp web;
  private TracedApp worker;

  @BeforeAll
  void startWebAndWorker() throws Exception {
    LocalServices.POSTGRES.require();
    dropTables();
    receiver = OtlpReceiver.start();
    // the web application creates the tables; the worker starts once they exist
    web = role("web").start();
    worker = role("worker").start();
  }

  private TracedApp.Builder role(String role) {
    return TracedApp.builder("jobrunr")
        .label(getClass().getSimpleName() + "-" + role)
        .serviceName("jobrunr-" + role)
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("ROLE", role)
        .env("JDBC_URL", LocalServices.POSTGRES.url())
        .env("JDBC_USER", LocalServices.POSTGRES.user())
        .env("JOBRUNR_TABLE_PREFIX", TABLE_PREFIX);
  }

  @AfterAll
  void stopAll() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {worker, web, receiver}) {
      if (closeable != null) {
        closeable.close();
      }
    }
    dropTables();
  }

  @Test
  void aJobEnqueuedDuringARequestRunsOnTheWorkerInTheRequestsTrace() throws Exception {
    HttpResult enqueued = web.get("/enqueue?job=query&marker=" + UUID.randomUUID());
    assertEquals(200, enqueued.status(), web.describeOutput());
    String jobId = enqueued.body();

    ReceivedSpan run = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER
        && jobId.equals(span.stringAttribute("messaging.message.id")), SPAN_TIMEOUT);
    ReceivedSpan enqueue = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_PRODUCER
        && jobId.equals(span.stringAttribute("messaging.message.id")), SPAN_TIMEOUT);
    ReceivedSpan request = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
        && span.traceId().equals(enqueue.traceId()), SPAN_TIMEOUT);

    assertEquals("GET /enqueue", request.name());
    assertEquals("jobrunr-web", request.serviceName());
    assertEquals(request.spanId(), enqueue.parentSpanId());
    assertEquals("enqueue SmokeJobs.query", enqueue.name());
    assertEquals("jobrunr-worker", run.serviceName());
    assertEquals("run SmokeJobs.query", run.name());
    assertEquals(enqueue.traceId(), run.traceId());
    assertEquals(enqueue.spanId(), run.parentSpanId());
    assertEquals(StatusCode.STATUS_CODE_UNSET, run.statusCode());

    ReceivedSpan query = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && run.spanId().equals(span.parentSpanId()), SPAN_TIMEOUT);
    assertEquals(run.traceId(), query.traceId());
    assertEquals("jobrunr-worker", query.serviceName());
    assertEquals("postgresql", query.stringAttribute("db.system.name"));
    assertEquals("select ?", query.stringAttribute("db.query.text"));
  }

  @Test
  void aFailingJobWithOneRetryShowsTwoRunsTheSecondLinkedToTheEnqueue() throws Exception {
    HttpResult enqueued = web.get("/enqueue?job=fail&marker=" + UUID.randomUUID());
    assertEquals(200, enqueued.status(), web.describeOutput());
    String jobId = enqueued.body();

    List<ReceivedSpan> runs = new ArrayList<>(receiver.awaitSpans(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER
        && jobId.equals(span.stringAttribute("messaging.message.id")), 2, SPAN_TIMEOUT));
    runs.sort(Comparator.comparing(span -> span.longAttribute("jobrunr.job.attempt")));
    ReceivedSpan enqueue = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_PRODUCER
        && jobId.equals(span.stringAttribute("messaging.message.id")), SPAN_TIMEOUT);
    ReceivedSpan first = runs.get(0);
    ReceivedSpan retry = runs.get(1);

    assertEquals(2, runs.size(), OtlpReceiver.describe(runs));
    assertEquals(enqueue.spanId(), first.parentSpanId());
    assertEquals(StatusCode.STATUS_CODE_ERROR, first.statusCode());
    assertTrue(first.event("exception").isPresent(), first.toString());

    assertEquals(2L, retry.longAttribute("jobrunr.job.attempt"));
    assertEquals("", retry.parentSpanId(), "the retry starts its own trace");
    assertNotEquals(enqueue.traceId(), retry.traceId());
    assertEquals(1, retry.span().getLinksCount());
    assertEquals(enqueue.span().getSpanId(), retry.span().getLinks(0).getSpanId());
    assertEquals(enqueue.span().getTraceId(), retry.span().getLinks(0).getTraceId());
    assertEquals(StatusCode.STATUS_CODE_ERROR, retry.statusCode());
  }

  private static void dropTables() throws Exception {
    LocalServices postgres = LocalServices.POSTGRES;
    try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      List<String> drops = new ArrayList<>();
      try (ResultSet tables = statement.executeQuery("select table_name, table_type from information_schema.tables "
          + "where table_schema = current_schema() and table_name like '" + TABLE_PREFIX + "%'")) {
        while (tables.next()) {
          drops.add("drop " + ("VIEW".equals(tables.getString(2)) ? "view" : "table") + " if exists "
              + tables.getString(1) + " cascade");
        }
      }
      for (String drop : drops) {
        statement.execute(drop);
      }
    }
  }
}
