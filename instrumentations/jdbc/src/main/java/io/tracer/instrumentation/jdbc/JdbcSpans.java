package io.tracer.instrumentation.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.jdbc.sql.SqlDialect;
import io.tracer.instrumentation.jdbc.sql.SqlQuery;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT spans for statement executions, following the stable database semantic conventions: named
 * {@code SELECT orders} (operation and table or procedure), else the operation and the database, else what is
 * known.
 */
final class JdbcSpans {

  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  private static final AttributeKey<String> QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  private static final AttributeKey<String> COLLECTION = AttributeKey.stringKey("db.collection.name");
  private static final AttributeKey<String> STORED_PROCEDURE = AttributeKey.stringKey("db.stored_procedure.name");
  private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  private static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  /** Not in the conventions, which have no word for these: named after the JDBC getters they come from. */
  private static final AttributeKey<String> SQL_STATE = AttributeKey.stringKey("jdbc.sql_state");
  private static final AttributeKey<Long> VENDOR_CODE = AttributeKey.longKey("jdbc.vendor_code");
  /** Set (always {@code true}) on a call that took at least the slow-query threshold, so backends can filter. */
  private static final AttributeKey<Boolean> SLOW = AttributeKey.booleanKey("db.query.slow");
  private static final String SLOW_EVENT = "slow query";
  private static final AttributeKey<Long> SLOW_DURATION = AttributeKey.longKey("duration_ms");
  private static final AttributeKey<Long> SLOW_THRESHOLD = AttributeKey.longKey("threshold_ms");

  private static final String PROVISIONAL_NAME = "jdbc";

  private final Tracer tracer = AgentServices.tracer("jdbc");
  private final JdbcSettings settings;
  private final long slowQueryThresholdNanos;
  private final ConnectionInfoCache connections = new ConnectionInfoCache();
  private final PreparedSql preparedSql = new PreparedSql();
  private final StatementBatches statementBatches = new StatementBatches();
  private final SqlQueries standardQueries;
  private final SqlQueries mysqlQueries;

  JdbcSpans(JdbcSettings settings) {
    this.settings = settings;
    this.slowQueryThresholdNanos = TimeUnit.MILLISECONDS.toNanos(settings.slowQueryThresholdMillis());
    this.standardQueries = new SqlQueries(SqlDialect.STANDARD, settings.maxQueryLength());
    this.mysqlQueries = new SqlQueries(SqlDialect.MYSQL, settings.maxQueryLength());
  }

  static JdbcSpans get() {
    return Configured.INSTANCE;
  }

  /** Built on first use, when the agent's configuration is there. */
  private static final class Configured {
    static final JdbcSpans INSTANCE = new JdbcSpans(JdbcSettings.from(AgentServices.config()));
  }

  void prepared(Object statement, String sql) {
    if (statement instanceof Statement && sql != null) {
      preparedSql.remember((Statement) statement, sql);
    }
  }

  void closed(Statement statement) {
    preparedSql.closed(statement);
  }

  void batched(Statement statement, String sql) {
    if (sql != null) {
      statementBatches.add(statement, sql);
    }
  }

  void batchCleared(Statement statement) {
    statementBatches.take(statement);
  }

  /**
   * @param sql what the call was given, else {@code null}: the SQL the statement was prepared with counts
   * @return what {@link #end} needs, or {@code null} when the call is not traced
   */
  JdbcCall start(Statement statement, String sql) {
    return startSpan(statement, sql != null ? sql : preparedSql.of(statement), null);
  }

  /** A batch: of the prepared statement's SQL, or of the statements added to a plain statement's batch. */
  JdbcCall startBatch(Statement statement) {
    List<String> added = statementBatches.take(statement);
    return added == null ? startSpan(statement, preparedSql.of(statement), null) : startSpan(statement, null, added);
  }

  /**
   * The span starts with a provisional name, and the connection and the statement are looked at only for a span
   * that records: an unsampled call costs no SQL work. (So samplers see neither name nor attributes; the agent's
   * samplers decide by trace id and parent.)
   *
   * @param sql the one statement, or {@code null}
   * @param batch the statements of a plain statement's batch, or {@code null}
   * @return {@code null} when the span does not record
   */
  private JdbcCall startSpan(Statement statement, String sql, List<String> batch) {
    Span span = tracer.spanBuilder(PROVISIONAL_NAME).setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current()).startSpan();
    if (!span.isRecording()) {
      return null;
    }
    ConnectionInfo connection = connections.of(statement);
    span.setAttribute(SYSTEM, connection.system());
    if (connection.namespace() != null) {
      span.setAttribute(NAMESPACE, connection.namespace());
    }
    if (connection.host() != null) {
      span.setAttribute(SERVER_ADDRESS, connection.host());
      if (connection.port() > 0) {
        span.setAttribute(SERVER_PORT, (long) connection.port());
      }
    }
    SqlQueries queries = connection.dialect() == SqlDialect.MYSQL ? mysqlQueries : standardQueries;
    SqlQuery query = sql != null ? shown(queries.of(sql), sql) : batch != null ? batchQuery(queries, batch) : null;
    String operation = null;
    String target = null;
    if (query != null) {
      span.setAttribute(QUERY_TEXT, query.sanitizedText());
      operation = query.operation();
      if (operation != null) {
        span.setAttribute(OPERATION, operation);
      }
      if (query.collection() != null) {
        span.setAttribute(COLLECTION, query.collection());
        target = query.collection();
      } else if (query.storedProcedure() != null) {
        span.setAttribute(STORED_PROCEDURE, query.storedProcedure());
        target = query.storedProcedure();
      }
    }
    JdbcCall call = new JdbcCall(span, System.nanoTime(), connection, operation, target);
    span.updateName(spanName(call, operation));
    return call;
  }

  /** The analysis, with the text as the settings show it: sanitized, or raw and cut. */
  private SqlQuery shown(SqlQuery query, String sql) {
    return settings.sanitize() ? query
        : new SqlQuery(cut(sql), query.operation(), query.collection(), query.storedProcedure());
  }

  /**
   * Several statements as the conventions describe them: their text once if they share it, else each joined by
   * {@code ; }; the operation and the table only if all share them.
   */
  private SqlQuery batchQuery(SqlQueries queries, List<String> batch) {
    SqlQuery first = shown(queries.of(batch.get(0)), batch.get(0));
    boolean sameText = true;
    boolean sameOperation = true;
    boolean sameCollection = true;
    StringBuilder joined = new StringBuilder();
    for (String sql : batch) {
      SqlQuery query = shown(queries.of(sql), sql);
      sameText &= query.sanitizedText().equals(first.sanitizedText());
      sameOperation &= Objects.equals(query.operation(), first.operation());
      sameCollection &= Objects.equals(query.collection(), first.collection());
      if (joined.length() <= settings.maxQueryLength()) {
        joined.append(joined.length() == 0 ? "" : "; ").append(query.sanitizedText());
      }
    }
    return new SqlQuery(sameText ? first.sanitizedText() : cut(joined.toString()),
        sameOperation ? first.operation() : null, sameCollection ? first.collection() : null, null);
  }

  /** @param batchCounts what {@code executeBatch} returned ({@code int[]} or {@code long[]}), else {@code null} */
  void end(JdbcCall call, Object batchCounts, Throwable thrown) {
    Span span = call.span();
    int batchSize = batchCounts instanceof int[] ? ((int[]) batchCounts).length
        : batchCounts instanceof long[] ? ((long[]) batchCounts).length : 0;
    // the conventions count two or more operations as a batch, and name it so
    if (batchSize >= 2) {
      String operation = call.operation() == null ? "BATCH" : "BATCH " + call.operation();
      span.setAttribute(BATCH_SIZE, (long) batchSize);
      span.setAttribute(OPERATION, operation);
      span.updateName(spanName(call, operation));
    }
    long elapsedNanos = System.nanoTime() - call.startNanos();
    if (slowQueryThresholdNanos > 0 && elapsedNanos >= slowQueryThresholdNanos) {
      span.setAttribute(SLOW, true);
      span.addEvent(SLOW_EVENT, Attributes.of(SLOW_DURATION, TimeUnit.NANOSECONDS.toMillis(elapsedNanos),
          SLOW_THRESHOLD, settings.slowQueryThresholdMillis()));
    }
    if (thrown != null) {
      recordError(span, call.connection(), thrown);
    }
    span.end();
  }

  private void recordError(Span span, ConnectionInfo connection, Throwable thrown) {
    if (settings.sanitize()) {
      SanitizedExceptions.record(span, thrown, connection.dialect());
    } else {
      span.recordException(thrown);
    }
    span.setStatus(StatusCode.ERROR);
    String errorType = thrown.getClass().getName();
    if (thrown instanceof SQLException) {
      SQLException error = (SQLException) thrown;
      String sqlState = error.getSQLState();
      int vendorCode = error.getErrorCode();
      if (sqlState != null) {
        span.setAttribute(SQL_STATE, sqlState);
      }
      if (vendorCode != 0) {
        span.setAttribute(VENDOR_CODE, (long) vendorCode);
      }
      String statusCode = statusCode(connection.system(), sqlState, vendorCode);
      if (statusCode != null) {
        span.setAttribute(STATUS_CODE, statusCode);
        errorType = statusCode;
      }
    }
    span.setAttribute(ERROR_TYPE, errorType);
  }

  /**
   * {@code db.response.status_code} as the conventions define it per system: the error number for MySQL,
   * MariaDB, SQL Server and Oracle, the SQLSTATE for PostgreSQL and the others.
   */
  private static String statusCode(String system, String sqlState, int vendorCode) {
    boolean byNumber = "mysql".equals(system) || "mariadb".equals(system) || "microsoft.sql_server".equals(system)
        || "oracle.db".equals(system);
    if (byNumber && vendorCode != 0) {
      return Integer.toString(vendorCode);
    }
    if (sqlState != null) {
      return sqlState;
    }
    return vendorCode != 0 ? Integer.toString(vendorCode) : null;
  }

  /** {@code operation target}, {@code operation namespace}, or the target, the namespace, the system alone. */
  private static String spanName(JdbcCall call, String operation) {
    String target = call.target() != null ? call.target() : call.connection().namespace();
    if (operation != null) {
      return target == null ? operation : operation + " " + target;
    }
    return target != null ? target : call.connection().system();
  }

  private String cut(String sql) {
    return sql.length() <= settings.maxQueryLength() ? sql : sql.substring(0, settings.maxQueryLength()) + "...";
  }
}
