package io.tracer.instrumentation.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** H2 in memory: no server, so no {@code server.address}; the namespace is the in-memory database's name. */
class H2JdbcTest extends JdbcInstrumentationContract {

  private static final String URL = "jdbc:h2:mem:jdbc_test;DB_CLOSE_DELAY=-1";

  @Override
  void requireServer() {}

  @Override
  Connection open() throws SQLException {
    return DriverManager.getConnection(URL, "sa", "");
  }

  @Override
  String namespace() {
    return "jdbc_test";
  }

  @Override
  void prepareDatabase(Statement statement) throws SQLException {
    statement.execute("CREATE ALIAS IF NOT EXISTS JDBC_SLEEP FOR 'java.lang.Thread.sleep(long)'");
  }

  @Override
  String table() {
    return "jdbc_orders_h2";
  }

  @Override
  String system() {
    return "h2database";
  }

  @Override
  Long port() {
    return null;
  }

  @Override
  String slowQuery() {
    return "CALL JDBC_SLEEP(150)";
  }

  @Override
  String missingTableStatusCode() {
    return "42S02";
  }

  @Override
  String missingTableMessage() {
    return "Table \"JDBC_NO_SUCH_TABLE\" not found; SQL statement: SELECT * FROM jdbc_no_such_table WHERE id = ?";
  }

  @Override
  String passwordStatement() {
    return "ALTER USER jdbc_no_such_user SET PASSWORD 'hunter2'";
  }

  @Override
  String driverPackage() {
    return "org.h2.";
  }
}
