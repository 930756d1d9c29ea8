package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/** pgjdbc straight from {@code DriverManager}; run once with the newest and once with the oldest supported pgjdbc. */
class PostgresJdbcTest extends JdbcInstrumentationContract {

  @Override
  void requireServer() {
    LocalServices.POSTGRES.require();
  }

  @Override
  Connection open() throws SQLException {
    return DriverManager.getConnection(LocalServices.POSTGRES.url(), LocalServices.POSTGRES.user(),
        LocalServices.POSTGRES.password());
  }

  @Override
  boolean supportsLargeUpdates() throws SQLException {
    try (Connection direct = DriverManager.getConnection(LocalServices.POSTGRES.url(), LocalServices.POSTGRES.user(),
        LocalServices.POSTGRES.password()); Statement statement = direct.createStatement()) {
      statement.executeLargeUpdate("SET application_name = 'tracer'");
      return true;
    } catch (SQLFeatureNotSupportedException notImplemented) {
      return false;
    } finally {
      TestAgent.reset();
    }
  }

  @Override
  String table() {
    return "jdbc_orders_pg";
  }

  @Override
  String system() {
    return "postgresql";
  }

  @Override
  Long port() {
    return 5432L;
  }

  @Override
  String slowQuery() {
    return "SELECT pg_sleep(0.15)";
  }

  @Override
  String missingTableStatusCode() {
    return "42P01";
  }

  @Override
  String missingTableMessage() {
    return "relation \"jdbc_no_such_table\" does not exist";
  }

  @Override
  String passwordStatement() {
    return "ALTER ROLE jdbc_no_such_role WITH PASSWORD 'hunter2'";
  }

  @Override
  String driverPackage() {
    return "org.postgresql.";
  }

  @Test
  void runsTheDriverVersionThisExecutionIsFor() {
    String expected = System.getProperty("expected.pgjdbc.version");
    if (expected != null) {
      assertEquals(expected, Driver.getVersion().replaceAll("^PostgreSQL JDBC Driver ", ""));
    }
  }

  @Test
  void theValueInADuplicateKeyMessageStaysOut() throws SQLException {
    SQLException thrown;
    try (Statement statement = connection.createStatement()) {
      thrown = assertThrows(SQLException.class, () -> statement.executeUpdate(
          "INSERT INTO " + table() + " (id, total, note) VALUES (1, 99, 'duplicate')"));
    }
    assertTrue(thrown.getMessage().contains("(id)=(1)"), thrown.getMessage());
    SpanData span = onlyJdbcSpan();
    assertEquals("23505", string(span, "db.response.status_code"));
    String recorded = exceptionEvent(span).getAttributes().get(AttributeKey.stringKey("exception.message"));
    assertTrue(recorded.contains("Key (id)=(?) already exists"), recorded);
    String stackTrace = exceptionEvent(span).getAttributes().get(AttributeKey.stringKey("exception.stacktrace"));
    assertFalse(stackTrace.contains("(id)=(1)"), stackTrace);
  }

  @Test
  void aCallIsNamedAfterItsProcedure() throws SQLException {
    try (CallableStatement call = connection.prepareCall("{? = call upper(?)}")) {
      call.registerOutParameter(1, Types.VARCHAR);
      call.setString(2, "secret");
      call.execute();
      assertEquals("SECRET", call.getString(1));
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("CALL upper", span.getName());
    assertEquals("upper", string(span, "db.stored_procedure.name"));
    assertEquals("{? = call upper(?)}", string(span, "db.query.text"));
  }
}
