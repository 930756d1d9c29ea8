package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What a pool adds: its proxies, its own queries and, switched on for these tests, pool-wait spans. */
final class PooledContract {

  private PooledContract() {}

  /** The pool's init and test queries, run on a fresh connection, are the pool's business: no span. */
  static void thePoolsOwnQueriesGetNoSpan(HikariPool pool) throws SQLException {
    pool.dataSource().getHikariPoolMXBean().softEvictConnections();
    TestAgent.reset();
    try (Connection fresh = pool.borrow()) {
      assertTrue(fresh.isValid(1));
    }
    assertEquals(List.of(), JdbcInstrumentationContract.jdbcSpans());
  }

  /** Inside a request, waiting for the pool is a span of its own, next to the statement's. */
  static void waitingForAPooledConnectionIsASpanInsideARequest(HikariPool pool, String poolName) throws SQLException {
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent(); Connection borrowed = pool.borrow();
        Statement statement = borrowed.createStatement()) {
      statement.executeQuery("SELECT 1").close();
    } finally {
      request.end();
    }
    List<SpanData> spans = JdbcInstrumentationContract.jdbcSpans();
    assertEquals(2, spans.size(), "spans: " + spans);
    SpanData wait = spans.get(0);
    assertEquals("wait for pooled connection", wait.getName());
    assertEquals(SpanKind.INTERNAL, wait.getKind());
    assertEquals(poolName, wait.getAttributes().get(AttributeKey.stringKey("db.client.connection.pool.name")));
    for (SpanData span : spans) {
      assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId(), span.getName());
    }
    assertEquals(SpanKind.CLIENT, spans.get(1).getKind());
  }
}
