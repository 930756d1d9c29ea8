package io.tracer.instrumentation.quartz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.jobs.CountingDownJob;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz 1.x is below the supported range (its own surefire run): a job must be scheduled and run as before, with no
 * span, and the agent says once, at debug level, why.
 */
class Quartz1UninstrumentedTest {

  @Test
  void quartz1WorksAndIsLeftAlone() throws Exception {
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
    assertTrue(said.toString().contains("Quartz: this version (1.x) is not supported"), said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  /**
   * The 1.x job detail and trigger are classes, made by reflection: this test is compiled against 2.x, where they
   * are interfaces. {@code scheduleJob(JobDetail, Trigger)} has the same descriptor in both.
   */
  private static boolean jobRuns() throws Exception {
    assertTrue(Scheduler.class.getProtectionDomain().getCodeSource().getLocation().getPath().contains("quartz-1"));
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "quartz-1-test");
    properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool"); // 1.x has no default
    properties.setProperty("org.quartz.threadPool.threadCount", "1");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.start();
    try {
      JobDetail job = JobDetail.class.getConstructor(String.class, String.class, Class.class)
          .newInstance("counting-down", "quartz-1", CountingDownJob.class);
      Trigger now = (Trigger) Class.forName("org.quartz.SimpleTrigger").getConstructor(String.class, String.class)
          .newInstance("now", "quartz-1");
      scheduler.scheduleJob(job, now);
      return CountingDownJob.RAN.await(30, TimeUnit.SECONDS);
    } finally {
      scheduler.shutdown(true);
    }
  }
}
