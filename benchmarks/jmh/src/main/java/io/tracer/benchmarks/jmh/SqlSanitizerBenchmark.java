package io.tracer.benchmarks.jmh;

import io.tracer.instrumentation.jdbc.sql.SqlDialect;
import io.tracer.instrumentation.jdbc.sql.SqlQuery;
import io.tracer.instrumentation.jdbc.sql.SqlSanitizer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One pass of the SQL sanitizer over typical statements: what a traced statement costs when its text is not in the
 * jdbc module's cache of analysed statements (a statement built with literals, which each request makes anew).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SqlSanitizerBenchmark {

  @Param({"point-select", "join", "insert"})
  public String statement;

  private String sql;

  @Setup
  public void setUp() {
    switch (statement) {
      case "point-select":
        sql = "SELECT id, name, price FROM bench_items WHERE id = ?";
        break;
      case "join":
        sql = "SELECT o.id, o.total, c.email FROM orders o JOIN customers c ON c.id = o.customer_id"
            + " WHERE o.status = 'PAID' AND o.created_at > '2026-11-01' AND c.email LIKE '%@example.com' LIMIT 50";
        break;
      default:
        sql = "INSERT INTO audit_log (user_id, action, detail, at) VALUES (42, 'login', 'password=hunter2', 1764547200)";
    }
  }

  @Benchmark
  public SqlQuery sanitize() {
    return SqlSanitizer.sanitize(sql, SqlDialect.STANDARD, 2048);
  }
}
