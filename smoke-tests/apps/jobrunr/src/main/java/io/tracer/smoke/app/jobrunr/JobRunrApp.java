package io.tracer.smoke.app.jobrunr;

import java.time.Duration;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * JobRunr on PostgreSQL ({@code JDBC_URL}, tables prefixed {@code JOBRUNR_TABLE_PREFIX}) in the role {@code ROLE}
 * names. {@code web}: embedded Tomcat on {@code PORT} (0: any free port) whose {@code /enqueue} enqueues jobs and
 * runs none. {@code worker}: a background job server that runs them. Prints {@code LISTENING <port>} once ready (0
 * for the worker, which serves nothing): the smoke-test harness waits for that line.
 */
public final class JobRunrApp {

  private JobRunrApp() {}

  public static void main(String[] args) throws Exception {
    JacksonJsonMapper json = new JacksonJsonMapper();
    StorageProvider storage = new PostgresStorageProvider(dataSource(), System.getenv("JOBRUNR_TABLE_PREFIX"));
    storage.setJobMapper(new JobMapper(json));
    if ("worker".equals(System.getenv("ROLE"))) {
      BackgroundJobServer server = new BackgroundJobServer(storage, json, null,
          BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
              .andPollInterval(Duration.ofSeconds(5)));
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
      System.out.println("LISTENING 0");
      Thread.currentThread().join();
    } else {
      Tomcat tomcat = new Tomcat();
      tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context context = tomcat.addContext("", null);
      Tomcat.addServlet(context, "enqueue", new EnqueueServlet(new JobScheduler(storage)));
      context.addServletMappingDecoded("/enqueue", "enqueue");
      tomcat.start();
      System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
      tomcat.getServer().await();
    }
  }

  static PGSimpleDataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(System.getenv("JDBC_URL"));
    dataSource.setUser(System.getenv("JDBC_USER"));
    return dataSource;
  }
}
