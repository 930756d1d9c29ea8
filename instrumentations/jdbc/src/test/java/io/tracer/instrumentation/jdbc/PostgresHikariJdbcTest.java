package io.tracer.instrumentation.jdbc;

import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** pgjdbc behind HikariCP: the pool's proxy and the driver's statement behind it give one span. */
class PostgresHikariJdbcTest extends PostgresJdbcTest {

  private static final String POOL_NAME = "jdbc-test-postgres";
  private final HikariPool pool = new HikariPool(POOL_NAME, LocalServices.POSTGRES.url(),
      LocalServices.POSTGRES.user(), LocalServices.POSTGRES.password());

  @Override
  Connection open() throws SQLException {
    return pool.borrow();
  }

  @Override
  String table() {
    return "jdbc_orders_pg_pool";
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
