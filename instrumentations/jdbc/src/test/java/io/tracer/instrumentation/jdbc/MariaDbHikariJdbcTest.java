package io.tracer.instrumentation.jdbc;

import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** MariaDB Connector/J behind HikariCP. */
class MariaDbHikariJdbcTest extends MariaDbJdbcTest {

  private static final String POOL_NAME = "jdbc-test-mariadb";
  private final HikariPool pool = new HikariPool(POOL_NAME, LocalServices.MARIADB.url(),
      LocalServices.MARIADB.user(), LocalServices.MARIADB.password());

  @Override
  Connection open() throws SQLException {
    return pool.borrow();
  }

  @Override
  String table() {
    return "jdbc_orders_mariadb_pool";
  }

  @Override
  void closeResources() {
    pool.close();
  }

  @Test
  void thePoolsOwnQueriesGetNoSpan() throws SQLException {
    PooledContract.thePoolsOwnQueriesGetNoSpan(pool);
  }

  @Test
  void waitingForAPooledConnectionIsASpanInsideARequest() throws SQLException {
    PooledContract.waitingForAPooledConnectionIsASpanInsideARequest(pool, POOL_NAME);
  }
}
