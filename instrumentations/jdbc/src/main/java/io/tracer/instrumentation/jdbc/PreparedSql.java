package io.tracer.instrumentation.jdbc;

import java.sql.Statement;

/**
 * The SQL each prepared or callable statement was created with: JDBC offers no way to ask a statement for it, so
 * it is noted when {@code Connection.prepareStatement} or {@code prepareCall} returns, keyed weakly by the
 * statement (a pool's proxy and the driver's statement it wraps are noted apart).
 */
final class PreparedSql {

  private final WeakIdentityMap<Statement, String> byStatement = new WeakIdentityMap<>();

  void remember(Statement statement, String sql) {
    byStatement.put(statement, sql);
  }

  /** @return the SQL, or {@code null} for a plain statement or one prepared before the agent was there */
  String of(Statement statement) {
    return byStatement.get(statement);
  }
}
