package io.tracer.instrumentation.jdbc;

import io.tracer.instrumentation.jdbc.sql.SqlDialect;
import io.tracer.instrumentation.jdbc.sql.SqlQuery;
import io.tracer.instrumentation.jdbc.sql.SqlSanitizer;

/**
 * Sanitized statements of one dialect, cached by their text: an application runs the same few statements again
 * and again. Statements over the length limit are cut, analysed only that far, and not cached.
 */
final class SqlQueries {

  private static final int CAPACITY = 1000;

  private final SqlDialect dialect;
  private final int maxLength;
  private final BoundedCache<String, SqlQuery> cache = new BoundedCache<>(CAPACITY);

  SqlQueries(SqlDialect dialect, int maxLength) {
    this.dialect = dialect;
    this.maxLength = maxLength;
  }

  SqlQuery of(String sql) {
    if (sql.length() > maxLength) {
      return SqlSanitizer.sanitize(sql, dialect, maxLength);
    }
    SqlQuery query = cache.get(sql);
    if (query == null) {
      query = SqlSanitizer.sanitize(sql, dialect, maxLength);
      cache.put(sql, query);
    }
    return query;
  }
}
