package io.tracer.instrumentation.jdbc;

import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** MariaDB Connector/J straight from {@code DriverManager}, against the MariaDB server. */
class MariaDbJdbcTest extends JdbcInstrumentationContract {

  @Override
  void requireServer() {
    LocalServices.MARIADB.require();
  }

  @Override
  Connection open() throws SQLException {
    return DriverManager.getConnection(LocalServices.MARIADB.url(), LocalServices.MARIADB.user(),
        LocalServices.MARIADB.password());
  }

  @Override
  String table() {
    return "jdbc_orders_mariadb";
  }

  @Override
  String system() {
    return "mariadb";
  }

  @Override
  Long port() {
    return 3306L;
  }

  @Override
  String slowQuery() {
    return "SELECT SLEEP(0.15)";
  }

  @Override
  String missingTableStatusCode() {
    return "1146";
  }

  @Override
  String missingTableMessage() {
    return "Table ? doesn't exist";
  }

  @Override
  String passwordStatement() {
    return "ALTER USER jdbc_no_such_user IDENTIFIED BY 'hunter2'";
  }

  @Override
  String driverPackage() {
    return "java.sql.";
  }
}
