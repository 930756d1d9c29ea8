package example.jobs;

import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.quartz.utils.ConnectionProvider;

/** Connections for Quartz's JDBC job store, straight from the driver: no pool library needed in the test. */
public class PostgresConnections implements ConnectionProvider {

  @Override
  public Connection getConnection() throws SQLException {
    LocalServices postgres = LocalServices.POSTGRES;
    return DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
  }

  @Override
  public void shutdown() {}

  @Override
  public void initialize() {}
}
