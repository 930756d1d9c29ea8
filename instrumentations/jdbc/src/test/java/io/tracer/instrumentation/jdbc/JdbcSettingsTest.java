package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings, each applied by a span factory of its own to spans for a real (H2) statement. */
class JdbcSettingsTest {

  private static final String SECRET_QUERY = "SELECT * FROM jdbc_settings WHERE token = 'secret-token'";

  private static Connection connection;
  private static Statement statement;

  @BeforeAll
  static void open() throws SQLException {
    TestAgent.install();
    connection = DriverManager.getConnection("jdbc:h2:mem:jdbc_settings", "sa", "");
    statement = connection.createStatement();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void defaultsSanitizeCutAt1000CountAsSlowFrom100msAndLeavePoolWaitsAlone() {
    TracerConfig config = config(Map.of());
    JdbcSettings settings = JdbcSettings.from(config);
    assertTrue(settings.sanitize());
    assertEquals(1000, settings.maxQueryLength());
    assertEquals(100, settings.slowQueryThresholdMillis());
    assertFalse(JdbcSettings.poolWaitSpans(config));
    assertEquals("SELECT * FROM jdbc_settings WHERE token = ?", queryText(settings, SECRET_QUERY));
  }

  @Test
  void theRawTextCanBeShownForDevelopment() {
    JdbcSettings raw = JdbcSettings.from(config(Map.of(JdbcSettings.SANITIZER, "false")));
    assertEquals(SECRET_QUERY, queryText(raw, SECRET_QUERY));
    JdbcSettings rawForEveryDatabase = JdbcSettings.from(config(Map.of(JdbcSettings.COMMON_SANITIZER, "false")));
    assertFalse(rawForEveryDatabase.sanitize());
  }

  @Test
  void longStatementsAreCutAtTheConfiguredLength() {
    JdbcSettings settings = JdbcSettings.from(config(Map.of(JdbcSettings.MAX_QUERY_LENGTH, "30")));
    assertEquals("SELECT * FROM jdbc_settings WH...", queryText(settings, SECRET_QUERY));
    JdbcSettings raw = JdbcSettings.from(config(Map.of(JdbcSettings.MAX_QUERY_LENGTH, "30",
        JdbcSettings.SANITIZER, "false")));
    assertEquals("SELECT * FROM jdbc_settings WH...", queryText(raw, SECRET_QUERY));
  }

  @Test
  void aZeroThresholdMarksNothingSlow() {
    JdbcSettings settings = JdbcSettings.from(config(Map.of(JdbcSettings.SLOW_QUERY_THRESHOLD, "0")));
    SpanData span = span(settings, SECRET_QUERY);
    assertNull(span.getAttributes().get(AttributeKey.booleanKey("db.query.slow")));
    assertEquals(0, span.getEvents().size());
  }

  @Test
  void aBadValueIsReportedAndTheDefaultUsed() {
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    TracerConfig config = TracerConfig.of(Map.of(JdbcSettings.SLOW_QUERY_THRESHOLD, "soon",
        JdbcSettings.MAX_QUERY_LENGTH, "-1"), new ConfigProblems(new PrintStream(problems, true)));
    JdbcSettings settings = JdbcSettings.from(config);
    assertEquals(100, settings.slowQueryThresholdMillis());
    assertEquals(1000, settings.maxQueryLength());
    String said = problems.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains(JdbcSettings.SLOW_QUERY_THRESHOLD) && said.contains(JdbcSettings.MAX_QUERY_LENGTH), said);
  }

  private static String queryText(JdbcSettings settings, String sql) {
    return span(settings, sql).getAttributes().get(AttributeKey.stringKey("db.query.text"));
  }

  private static SpanData span(JdbcSettings settings, String sql) {
    TestAgent.reset();
    JdbcSpans spans = new JdbcSpans(settings);
    spans.end(spans.start(statement, sql), null, null);
    return JdbcInstrumentationContract.onlyJdbcSpan();
  }

  private static TracerConfig config(Map<String, String> properties) {
    return TracerConfig.of(properties, new ConfigProblems(System.err));
  }
}
