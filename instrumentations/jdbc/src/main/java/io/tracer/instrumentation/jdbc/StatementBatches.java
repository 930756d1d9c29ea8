package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements added to each plain statement's batch ({@code addBatch(String)}), until {@code executeBatch} or
 * {@code clearBatch} takes them. Kept as the application wrote them, and sanitized only if the batch is traced;
 * at most {@link #MAX_STATEMENTS} per batch, so an endless batch cannot grow without bound.
 */
final class StatementBatches {

  static final int MAX_STATEMENTS = 100;

  private final WeakIdentityMap<Statement, List<String>> byStatement = new WeakIdentityMap<>();

  void add(Statement statement, String sql) {
    List<String> batch = byStatement.get(statement);
    if (batch == null) {
      batch = new ArrayList<>();
      byStatement.put(statement, batch);
    }
    if (batch.size() < MAX_STATEMENTS) {
      batch.add(sql);
    }
  }

  /** @return the statements of the batch, now forgotten, or {@code null} when none were added */
  List<String> take(Statement statement) {
    return byStatement.remove(statement);
  }
}
