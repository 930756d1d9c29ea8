package io.tracer.smoke.app.jobrunr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jobrunr.jobs.annotations.Job;

/** The jobs the web role enqueues and the worker role runs; JobRunr creates an instance per run. */
public class SmokeJobs {

  /** Asks the database for the marker back: a query, traced as a child of the job's run span. */
  public static void query(String marker) throws SQLException {
    try (Connection connection = JobRunrApp.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("select ?")) {
      statement.setString(1, marker);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
      }
    }
  }

  @Job(retries = 1)
  public static void failWithOneRetry(String marker) {
    throw new IllegalStateException("job " + marker + " fails");
  }
}
