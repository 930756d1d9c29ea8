package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every driver, directly or through a pool, must show: one CLIENT span per statement execution, named and
 * attributed per the database conventions, sanitized, with errors recorded and the application's results and
 * exceptions untouched. Each subclass runs it against one real database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcInstrumentationContract {

  static final String SCOPE = "io.tracer.jdbc";

  protected Connection connection;

  /** Skips (fails in CI) when the server is not running. */
  abstract void requireServer();

  abstract Connection open() throws SQLException;

  /** This class's own table, so that parallel runs never meet. */
  abstract String table();

  abstract String system();

  /** {@code server.port}, or {@code null} for an embedded database. */
  abstract Long port();

  /** A query that takes about 150 ms. */
  abstract String slowQuery();

  /** {@code db.response.status_code} of selecting from a missing table. */
  abstract String missingTableStatusCode();

  /** What the recorded message of selecting from a missing table says (sanitized: quoted values are gone). */
  abstract String missingTableMessage();

  /** A statement that fails at the server and carries the password {@code hunter2}. */
  abstract String passwordStatement();

  String namespace() {
    return "test";
  }

  /** Whether the driver implements {@code executeLargeUpdate} (pgjdbc 42.2.0 refuses it). */
  boolean supportsLargeUpdates() throws SQLException {
    return true;
  }

  /** Extra setup for the slow query and the like, on the class's first connection. */
  void prepareDatabase(Statement statement) throws SQLException {}

  @BeforeAll
  void createTable() throws SQLException {
    TestAgent.install();
    requireServer();
    try (Connection setup = open(); Statement statement = setup.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table());
      statement.execute("CREATE TABLE " + table() + " (id INT PRIMARY KEY, total DECIMAL(10, 2), note VARCHAR(100))");
      statement.execute("INSERT INTO " + table() + " (id, total, note) VALUES (1, 10.50, 'first'), (2, 20, 'second')");
      prepareDatabase(statement);
    }
  }

  @AfterAll
  void dropTable() throws SQLException {
    try (Connection cleanup = open(); Statement statement = cleanup.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table());
    }
    closeResources();
  }

  /** After the last test and the cleanup: a pool closes here. */
  void closeResources() {}

  @BeforeEach
  void openConnection() throws SQLException {
    connection = open();
    TestAgent.reset();
  }

  @AfterEach
  void closeConnection() throws SQLException {
    connection.close();
  }

  @Test
  void aSelectIsOneClientSpanNamedAfterItsOperationAndTable() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, note FROM " + table() + " WHERE id = 1")) {
      assertTrue(rows.next());
      assertEquals("first", rows.getString("note"));
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("SELECT " + table(), span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals(system(), string(span, "db.system.name"));
    assertEquals(namespace(), string(span, "db.namespace"));
    assertEquals("SELECT id, note FROM " + table() + " WHERE id = ?", string(span, "db.query.text"));
    assertEquals("SELECT", string(span, "db.operation.name"));
    assertEquals(table(), string(span, "db.collection.name"));
    if (port() == null) {
      assertNull(string(span, "server.address"));
    } else {
      assertEquals("127.0.0.1", string(span, "server.address"));
      assertEquals(port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    }
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertFalse(span.getParentSpanContext().isValid(), "no span was current: the database span is a root");
  }

  @Test
  void aPreparedStatementCarriesTheSqlItWasPreparedWith() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "UPDATE " + table() + " SET note = ? WHERE id = ?")) {
      statement.setString(1, "updated secret");
      statement.setInt(2, 2);
      assertEquals(1, statement.executeUpdate());
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("UPDATE " + table(), span.getName());
    assertEquals("UPDATE " + table() + " SET note = ? WHERE id = ?", string(span, "db.query.text"));
    assertEquals("UPDATE", string(span, "db.operation.name"));
  }

  @Test
  void manyStatementsOpenAtOnceEachKeepTheirSql() throws Exception {
    // more than a thread notes in its own slots, so the oldest move aside; one of them is executed by another thread
    int open = 20;
    List<PreparedStatement> statements = new ArrayList<>();
    try {
      for (int i = 0; i < open; i++) {
        statements.add(connection.prepareStatement(sqlNumbered(i)));
      }
      for (PreparedStatement statement : statements.subList(1, open)) {
        statement.setInt(1, 1);
        statement.executeQuery().close();
      }
      PreparedStatement first = statements.get(0);
      first.setInt(1, 1);
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        other.submit(() -> {
          first.executeQuery().close();
          return null;
        }).get(30, TimeUnit.SECONDS);
      } finally {
        other.shutdown();
      }
    } finally {
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < open; i++) {
      expected.add(sqlNumbered(i));
    }
    List<String> texts = jdbcSpans().stream().map(span -> string(span, "db.query.text")).sorted()
        .collect(Collectors.toList());
    assertEquals(expected.stream().sorted().collect(Collectors.toList()), texts);
  }

  private String sqlNumbered(int i) {
    return "SELECT total AS total_" + i + " FROM " + table() + " WHERE id = ?";
  }

  @Test
  void theSpanCurrentAroundTheCallIsTheParent() throws SQLException {
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent(); PreparedStatement statement = connection.prepareStatement(
        "SELECT total FROM " + table() + " WHERE id = ?")) {
      statement.setInt(1, 1);
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
      }
    } finally {
      request.end();
    }
    SpanData span = onlyJdbcSpan();
    assertEquals(request.getSpanContext().getTraceId(), span.getTraceId());
    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
  }

  @Test
  void anUnsampledParentGivesNoSpan() throws SQLException {
    SpanContext unsampled = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getDefault(), TraceState.getDefault());
    try (Scope ignored = Context.root().with(Span.wrap(unsampled)).makeCurrent();
        Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT id FROM " + table()).close();
    }
    assertEquals(List.of(), jdbcSpans());
  }

  @Test
  void everyExecuteMethodGivesExactlyOneSpan() throws SQLException {
    boolean largeUpdates = supportsLargeUpdates();
    String select = "SELECT id FROM " + table() + " WHERE id = 1";
    String update = "UPDATE " + table() + " SET total = 11 WHERE id = 1";
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery(select).close();
      assertTrue(statement.execute(select));
      statement.getResultSet().close();
      assertEquals(1, statement.executeUpdate(update));
      assertEquals(1L, largeUpdates ? statement.executeLargeUpdate(update) : statement.executeUpdate(update));
    }
    try (PreparedStatement statement = connection.prepareStatement(select)) {
      statement.executeQuery().close();
      assertTrue(statement.execute());
    }
    try (PreparedStatement statement = connection.prepareStatement(update)) {
      assertEquals(1, statement.executeUpdate());
      assertEquals(1L, largeUpdates ? statement.executeLargeUpdate() : statement.executeUpdate());
    }
    List<String> names = jdbcSpans().stream().map(SpanData::getName).collect(Collectors.toList());
    String selectName = "SELECT " + table();
    String updateName = "UPDATE " + table();
    assertEquals(List.of(selectName, selectName, updateName, updateName, selectName, selectName, updateName,
        updateName), names);
  }

  @Test
  void aPreparedBatchIsOneSpanWithItsSize() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO " + table() + " (id, total, note) VALUES (?, ?, ?)")) {
      for (int id = 100; id < 103; id++) {
        statement.setInt(1, id);
        statement.setInt(2, id);
        statement.setString(3, "batch");
        statement.addBatch();
      }
      assertEquals(3, statement.executeBatch().length);
    }
    SpanData span = onlyJdbcSpan();
    deleteBatchRows();
    assertEquals("BATCH INSERT " + table(), span.getName());
    assertEquals("BATCH INSERT", string(span, "db.operation.name"));
    assertEquals(3L, span.getAttributes().get(AttributeKey.longKey("db.operation.batch.size")));
    assertEquals("INSERT INTO " + table() + " (id, total, note) VALUES (?, ?, ?)", string(span, "db.query.text"));
  }

  @Test
  void aStatementBatchIsOneSpanWithItsSizeAndItsStatements() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("UPDATE " + table() + " SET note = 'a' WHERE id = 1");
      statement.addBatch("UPDATE " + table() + " SET note = 'first' WHERE id = 1");
      assertEquals(2, statement.executeBatch().length);
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("BATCH UPDATE " + table(), span.getName());
    assertEquals("BATCH UPDATE", string(span, "db.operation.name"));
    assertEquals(2L, span.getAttributes().get(AttributeKey.longKey("db.operation.batch.size")));
    assertEquals("UPDATE " + table() + " SET note = ? WHERE id = ?", string(span, "db.query.text"));
  }

  @Test
  void aMixedBatchJoinsItsStatementsAndAClearedOneIsForgotten() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.addBatch("DELETE FROM " + table() + " WHERE id = 1");
      statement.clearBatch();
      statement.addBatch("INSERT INTO " + table() + " (id, total, note) VALUES (200, 1, 'mixed')");
      statement.addBatch("DELETE FROM " + table() + " WHERE id = 200");
      assertEquals(2, statement.executeBatch().length);
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("BATCH " + table(), span.getName());
    assertEquals("BATCH", string(span, "db.operation.name"));
    assertEquals("INSERT INTO " + table() + " (id, total, note) VALUES (?, ?, ?); DELETE FROM " + table()
        + " WHERE id = ?", string(span, "db.query.text"));
  }

  @Test
  void aBatchOfOneIsNoBatch() throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "UPDATE " + table() + " SET note = ? WHERE id = ?")) {
      statement.setString(1, "first");
      statement.setInt(2, 1);
      statement.addBatch();
      statement.executeBatch();
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("UPDATE " + table(), span.getName());
    assertNull(span.getAttributes().get(AttributeKey.longKey("db.operation.batch.size")));
  }

  @Test
  void literalsCommentsAndPasswordsNeverReachTheSpan() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT /* secret comment */ note, 'secret literal' FROM " + table()
          + " WHERE id IN (1, 2, 987654321) AND note <> 'secret value' -- secret tail").close();
      assertThrows(SQLException.class, () -> statement.execute(passwordStatement()));
    }
    List<SpanData> spans = jdbcSpans();
    assertEquals(2, spans.size(), "spans: " + spans);
    assertEquals("SELECT note, ? FROM " + table() + " WHERE id IN (?) AND note <> ?",
        string(spans.get(0), "db.query.text"));
    for (SpanData span : spans) {
      StringBuilder everything = new StringBuilder(span.getName()).append(span.getAttributes().asMap().values());
      for (EventData event : span.getEvents()) {
        everything.append(event.getName()).append(event.getAttributes().asMap().values());
      }
      for (String secret : new String[] {"secret", "987654321", "hunter2"}) {
        assertFalse(everything.toString().contains(secret), secret + " reached " + everything);
      }
    }
  }

  @Test
  void anSqlExceptionIsRecordedAndReachesTheApplicationUnchanged() throws SQLException {
    SQLException thrown;
    try (Statement statement = connection.createStatement()) {
      thrown = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM jdbc_no_such_table WHERE id = 1"));
    }
    SpanData span = onlyJdbcSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(missingTableStatusCode(), string(span, "db.response.status_code"));
    assertEquals(missingTableStatusCode(), string(span, "error.type"));
    assertEquals(thrown.getSQLState(), string(span, "jdbc.sql_state"));
    if (thrown.getErrorCode() != 0) {
      assertEquals((long) thrown.getErrorCode(), span.getAttributes().get(AttributeKey.longKey("jdbc.vendor_code")));
    }
    EventData exception = exceptionEvent(span);
    assertEquals(thrown.getClass().getName(), exception.getAttributes().get(AttributeKey.stringKey("exception.type")));
    String message = exception.getAttributes().get(AttributeKey.stringKey("exception.message"));
    assertTrue(message.contains(missingTableMessage()), message);
    assertTrue(exception.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"))
        .startsWith(thrown.getClass().getName() + ": "));
    assertTrue(thrown.getClass().getName().startsWith(driverPackage()), thrown.getClass().getName());
  }

  /** The package of the driver's exceptions: the application sees them, not a wrapper of ours. */
  abstract String driverPackage();

  @Test
  void aSlowQueryIsMarked() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(slowQuery());
    }
    SpanData span = onlyJdbcSpan();
    assertEquals(Boolean.TRUE, span.getAttributes().get(AttributeKey.booleanKey("db.query.slow")));
    EventData slow = span.getEvents().stream().filter(event -> event.getName().equals("slow query"))
        .findFirst().orElseThrow();
    assertEquals(100L, slow.getAttributes().get(AttributeKey.longKey("threshold_ms")));
    assertTrue(slow.getAttributes().get(AttributeKey.longKey("duration_ms")) >= 100L, slow.toString());
  }

  @Test
  void theDriversOwnQueriesGetNoSpan() throws SQLException {
    try (Connection other = open()) {
      other.getMetaData().getTables(null, null, "%", new String[] {"TABLE"}).close();
      other.getMetaData().getColumns(null, null, table(), "%").close();
      other.getSchema();
      other.getCatalog();
      other.isValid(1);
      other.getTransactionIsolation();
      other.setAutoCommit(false);
      other.rollback();
      other.setAutoCommit(true);
    }
    assertEquals(List.of(), jdbcSpans());
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, note FROM " + table())) {
      ResultSetMetaData columns = rows.getMetaData();
      columns.isAutoIncrement(1);
      columns.getTableName(1);
      columns.getColumnLabel(2);
    }
    assertEquals("SELECT " + table(), onlyJdbcSpan().getName());
  }

  @Test
  void aStatementWithoutATableIsNamedAfterTheDatabase() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1").close();
    }
    SpanData span = onlyJdbcSpan();
    assertEquals("SELECT " + namespace(), span.getName());
    assertNull(string(span, "db.collection.name"));
  }

  private void deleteBatchRows() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM " + table() + " WHERE id >= 100");
    }
  }

  static List<SpanData> jdbcSpans() {
    return TestAgent.spans().stream().filter(span -> span.getInstrumentationScopeInfo().getName().equals(SCOPE))
        .collect(Collectors.toList());
  }

  /** Spans end before the call returns, so they are all there: exactly one, never a duplicate. */
  static SpanData onlyJdbcSpan() {
    List<SpanData> spans = jdbcSpans();
    assertEquals(1, spans.size(), "spans: " + spans);
    assertNotNull(spans.get(0));
    return spans.get(0);
  }

  /** Found by name: a call slow enough has a {@code slow query} event too. */
  static EventData exceptionEvent(SpanData span) {
    return span.getEvents().stream().filter(event -> event.getName().equals("exception")).findFirst()
        .orElseThrow(() -> new AssertionError("no exception event: " + span));
  }

  static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
