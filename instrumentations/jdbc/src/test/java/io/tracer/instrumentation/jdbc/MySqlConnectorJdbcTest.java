package io.tracer.instrumentation.jdbc;

import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** MySQL Connector/J against the MariaDB server: a {@code jdbc:mysql:} URL, so {@code db.system.name=mysql}. */
class MySqlConnectorJdbcTest extends JdbcInstrumentationContract {

  static final String URL = "jdbc:mysql://127.0.0.1:" + LocalServices.MARIADB.port() + "/test";

  @Override
  void requireServer() {
    LocalServices.MARIADB.require();
  }

  @Override
  Connection open() throws SQLException {
    return DriverManager.getConnection(URL, LocalServices.MARIADB.user(), LocalServices.MARIADB.password());
  }

  @Override
  String table() {
    return "jdbc_orders_mysql";
  }

  @Override
  String system() {
    return "mysql";
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
