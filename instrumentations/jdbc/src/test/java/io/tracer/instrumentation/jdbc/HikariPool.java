package io.tracer.instrumentation.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** A HikariCP pool for one test class, opened on first use, with init and test queries of its own. */
final class HikariPool {

  static final String INIT_SQL = "SELECT 'pool init'";
  static final String TEST_SQL = "SELECT 'pool test'";

  private final HikariConfig config = new HikariConfig();
  private HikariDataSource dataSource;

  HikariPool(String name, String url, String user, String password) {
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(2);
    config.setConnectionInitSql(INIT_SQL);
    config.setConnectionTestQuery(TEST_SQL);
  }

  synchronized HikariDataSource dataSource() {
    if (dataSource == null) {
      dataSource = new HikariDataSource(config);
    }
    return dataSource;
  }

  Connection borrow() throws SQLException {
    return dataSource().getConnection();
  }

  synchronized void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }
}
