package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;

/**
 * JobRunr 5.x is below the supported range (its own surefire run): jobs must be enqueued and run as before, with no
 * span, and the agent says once, at debug level, why.
 */
public class JobRunr5UninstrumentedTest {

  private static final CountDownLatch RAN = new CountDownLatch(1);

  /** The job: JobRunr calls it by name on its worker thread, hence public, as is its class. */
  public static void run(String greeting) {
    if ("hello".equals(greeting)) {
      RAN.countDown();
    }
  }

  @Test
  void jobRunr5WorksAndIsLeftAlone() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    boolean ran;
    try {
      AgentLog.enableDebug(true);
      TestAgent.install();
      ran = jobRuns();
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    assertTrue(ran, () -> "the job did not run: " + said);
    assertTrue(said.toString().contains("JobRunr: this version (before 6.1: no onProcessingFailed job filter hook)"
        + " is not supported"), said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  private static boolean jobRuns() throws Exception {
    assertTrue(JobScheduler.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .contains("jobrunr-5."));
    JacksonJsonMapper json = new JacksonJsonMapper();
    InMemoryStorageProvider storage = new InMemoryStorageProvider();
    storage.setJobMapper(new JobMapper(json));
    // enqueued before the server starts, so that its first poll takes the job: 5.x polls every 5 s at the most
    new JobScheduler(storage).enqueue(() -> run("hello"));
    BackgroundJobServer server = new BackgroundJobServer(storage, json, null,
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration().andWorkerCount(1)
            .andPollIntervalInSeconds(5));
    server.start();
    try {
      return RAN.await(30, TimeUnit.SECONDS);
    } finally {
      server.stop();
      storage.close();
    }
  }
}
