package io.tracer.instrumentation.quartz;

import io.tracer.testing.TestAgent;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/** Quartz with its in-memory job store. */
class RamJobStoreTracingTest extends QuartzJobTracingContract {

  private static Scheduler scheduler;

  @BeforeAll
  static void startScheduler() throws Exception {
    TestAgent.install();
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "quartz-test-ram");
    properties.setProperty("org.quartz.threadPool.threadCount", "2");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.start();
  }

  @AfterAll
  static void stopScheduler() throws Exception {
    scheduler.shutdown(true);
  }

  @Override
  Scheduler scheduler() {
    return scheduler;
  }

  @Override
  String store() {
    return "ram";
  }
}
