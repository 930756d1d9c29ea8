package io.tracer.instrumentation.jdbc;

import io.opentelemetry.api.trace.Span;

/** One traced statement execution, handed from enter to exit advice. */
final class JdbcCall {

  private final Span span;
  private final long startNanos;
  private final ConnectionInfo connection;
  private final String operation;
  private final String target;

  JdbcCall(Span span, long startNanos, ConnectionInfo connection, String operation, String target) {
    this.span = span;
    this.startNanos = startNanos;
    this.connection = connection;
    this.operation = operation;
    this.target = target;
  }

  Span span() {
    return span;
  }

  long startNanos() {
    return startNanos;
  }

  ConnectionInfo connection() {
    return connection;
  }

  /** {@code db.operation.name} as far as the statement tells, or {@code null}. */
  String operation() {
    return operation;
  }

  /** The table or procedure the span is named after, or {@code null}. */
  String target() {
    return target;
  }
}
