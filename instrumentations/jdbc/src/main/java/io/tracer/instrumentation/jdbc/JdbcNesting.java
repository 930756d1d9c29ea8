package io.tracer.instrumentation.jdbc;

import io.tracer.instrumentation.api.CallDepth;

/**
 * How deep the thread is in JDBC: in a statement's execution, or in driver or pool work (connecting, metadata,
 * validation) that may run statements of its own. Only a statement executed at depth 0 gets a span, so a pool's
 * proxy and the driver's statement behind it, an {@code executeQuery} calling its own {@code execute}, and the
 * driver's internal queries give one span or none.
 */
final class JdbcNesting {

  static final CallDepth DEPTH = CallDepth.of("jdbc");

  private JdbcNesting() {}
}
