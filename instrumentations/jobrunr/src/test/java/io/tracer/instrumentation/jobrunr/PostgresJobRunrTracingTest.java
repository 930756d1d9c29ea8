package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobId;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JobRunr's PostgreSQL storage on the local server, in tables of our own ({@code tracer_jobrunr_v<major>_*},
 * dropped before and after): the context goes into the database as JSON with the job, and the server's own storage
 * provider reads it back.
 */
class PostgresJobRunrTracingTest extends JobRunrTracingTest {

  private static final String TABLE_PREFIX = "tracer_jobrunr_v" + jobRunrMajorVersion() + "_";

  @Override
  StorageProvider createStorageProvider() throws Exception {
    LocalServices.POSTGRES.require();
    dropTables();
    return new PostgresStorageProvider(dataSource(), TABLE_PREFIX);
  }

  @Override
  Duration pollInterval() {
    return Duration.ofSeconds(5);
  }

  @AfterAll
  void dropTablesAfterwards() throws Exception {
    dropTables();
  }

  @Test
  void aJobEnqueuedByAnotherProcessRunsInTheTraceThatEnqueuedIt() throws Exception {
    // the enqueuing side has its own storage provider and scheduler, as a web application would
    PostgresStorageProvider webStorage = new PostgresStorageProvider(dataSource(), TABLE_PREFIX);
    webStorage.setJobMapper(new JobMapper(JSON));
    Span request = tracer.spanBuilder("request").startSpan();
    JobId jobId;
    try (Scope ignored = request.makeCurrent()) {
      jobId = new JobScheduler(webStorage).enqueue(() -> TestJobs.greet("other-process"));
    } finally {
      request.end();
      webStorage.close();
    }
    SpanData run = awaitRuns(jobId, 1).get(0);
    SpanData enqueue = onlySpan(span -> span.getKind() == SpanKind.PRODUCER && jobId.toString().equals(messageId(span)));
    assertEquals(request.getSpanContext().getTraceId(), run.getTraceId());
    assertEquals(enqueue.getSpanId(), run.getParentSpanId());
  }

  private static PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(LocalServices.POSTGRES.url());
    dataSource.setUser(LocalServices.POSTGRES.user());
    dataSource.setPassword(LocalServices.POSTGRES.password());
    return dataSource;
  }

  private static void dropTables() throws Exception {
    try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
      List<String> drops = new ArrayList<>();
      try (ResultSet views = statement.executeQuery("select table_name, table_type from information_schema.tables "
          + "where table_schema = current_schema() and table_name like '" + TABLE_PREFIX + "%'")) {
        while (views.next()) {
          drops.add("drop " + ("VIEW".equals(views.getString(2)) ? "view" : "table") + " if exists "
              + views.getString(1) + " cascade");
        }
      }
      for (String drop : drops) {
        statement.execute(drop);
      }
    }
  }

  private static String jobRunrMajorVersion() {
    String version = Job.class.getPackage().getImplementationVersion();
    return version == null ? "x" : version.substring(0, version.indexOf('.'));
  }
}
