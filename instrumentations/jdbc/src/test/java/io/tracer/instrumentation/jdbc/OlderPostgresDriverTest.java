package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A driver far older than the ones we build against (its own execution puts pgjdbc 9.1, a JDBC 4.0 driver of 2011
 * built for Java 6, on the class path). Its class files predate invokedynamic, so the agent raises them to Java 7
 * when it instruments them: the driver is traced like a current one, and the application's results and exceptions
 * stay exactly what the driver gives.
 */
class OlderPostgresDriverTest {

  private static final String TABLE = "jdbc_orders_pg_older";
  private static final String EXPECTED_VERSION = "expected.pgjdbc.version";
  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    Assumptions.assumeTrue(System.getProperty(EXPECTED_VERSION) != null,
        "needs the old driver that only the pgjdbc-legacy execution puts on the class path");
    TestAgent.install();
    LocalServices.POSTGRES.require();
    Class.forName("org.postgresql.Driver");
    connection = DriverManager.getConnection(LocalServices.POSTGRES.url(), LocalServices.POSTGRES.user(),
        LocalServices.POSTGRES.password());
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, note VARCHAR(100))");
    }
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (connection == null) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
    }
    connection.close();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void runsTheDriverThisExecutionIsFor() throws SQLException {
    String driverVersion = connection.getMetaData().getDriverVersion();
    assertTrue(driverVersion.contains(System.getProperty(EXPECTED_VERSION)), driverVersion);
  }

  @Test
  void batchesAndQueriesAreTracedWithUnchangedResults() throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?)")) {
      for (int id = 1; id <= 2; id++) {
        insert.setInt(1, id);
        insert.setString(2, "note " + id);
        insert.addBatch();
      }
      assertEquals(2, insert.executeBatch().length);
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TABLE + " WHERE id > 0")) {
      assertTrue(rows.next());
      assertEquals(2, rows.getInt(1));
    }
    assertEquals(List.of("BATCH INSERT " + TABLE, "SELECT " + TABLE), JdbcInstrumentationContract.jdbcSpans()
        .stream().map(SpanData::getName).collect(Collectors.toList()));
  }

  @Test
  void itsExceptionsReachTheApplicationUnchangedAndMarkTheSpan() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      SQLException thrown = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM jdbc_no_such_table"));
      assertEquals("org.postgresql.util.PSQLException", thrown.getClass().getName());
      assertEquals("42P01", thrown.getSQLState());
    }
    List<SpanData> spans = JdbcInstrumentationContract.jdbcSpans();
    assertEquals(1, spans.size());
    assertEquals(StatusCode.ERROR, spans.get(0).getStatus().getStatusCode());
    assertEquals("42P01", spans.get(0).getAttributes().get(AttributeKey.stringKey("db.response.status_code")));
  }
}
