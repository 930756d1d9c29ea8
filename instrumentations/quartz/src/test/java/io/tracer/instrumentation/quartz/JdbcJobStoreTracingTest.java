package io.tracer.instrumentation.quartz;

import example.jobs.PostgresConnections;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz with its JDBC job store on the local PostgreSQL: the trace context has to survive the trigger being
 * serialized into the database and read back by the scheduler thread. Tables are Quartz's own, prefixed
 * {@code quartz_test_}.
 */
class JdbcJobStoreTracingTest extends QuartzJobTracingContract {

  private static final String TABLE_PREFIX = "QUARTZ_TEST_";

  private static Scheduler scheduler;

  @BeforeAll
  static void startScheduler() throws Exception {
    LocalServices.POSTGRES.require();
    TestAgent.install();
    createTables();
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", "quartz-test-jdbc");
    properties.setProperty("org.quartz.threadPool.threadCount", "2");
    properties.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    properties.setProperty("org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    properties.setProperty("org.quartz.jobStore.tablePrefix", TABLE_PREFIX);
    properties.setProperty("org.quartz.jobStore.dataSource", "postgres");
    properties.setProperty("org.quartz.dataSource.postgres.connectionProvider.class",
        PostgresConnections.class.getName());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    scheduler = new StdSchedulerFactory(properties).getScheduler();
    scheduler.start();
  }

  @AfterAll
  static void stopScheduler() throws Exception {
    if (scheduler != null) {
      scheduler.shutdown(true);
    }
  }

  /** Quartz's PostgreSQL script, from the Quartz jar under test, with our table prefix; it drops what it creates. */
  private static void createTables() throws Exception {
    String script;
    try (InputStream in = StdSchedulerFactory.class.getResourceAsStream("/org/quartz/impl/jdbcjobstore/tables_postgres.sql")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = new PostgresConnections().getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : script.replaceAll("(?m)^--.*$", "").replaceAll("(?i)QRTZ_", TABLE_PREFIX).split(";")) {
        if (!sql.isBlank() && !sql.trim().equalsIgnoreCase("COMMIT")) {
          statement.execute(sql);
        }
      }
    }
  }

  @Override
  Scheduler scheduler() {
    return scheduler;
  }

  @Override
  String store() {
    return "jdbc";
  }
}
