package io.tracer.instrumentation.jdbc;

import io.tracer.instrumentation.api.config.TracerConfig;

/** The module's configuration, read once. */
final class JdbcSettings {

  static final String SANITIZER = "otel.instrumentation.jdbc.statement-sanitizer.enabled";
  static final String COMMON_SANITIZER = "otel.instrumentation.common.db-statement-sanitizer.enabled";
  static final String MAX_QUERY_LENGTH = "otel.instrumentation.jdbc.max-query-length";
  static final String SLOW_QUERY_THRESHOLD = "otel.instrumentation.jdbc.slow-query-threshold";
  static final String POOL_WAIT_SPANS = "otel.instrumentation.jdbc.pool-wait-spans.enabled";

  private final boolean sanitize;
  private final int maxQueryLength;
  private final long slowQueryThresholdMillis;

  private JdbcSettings(boolean sanitize, int maxQueryLength, long slowQueryThresholdMillis) {
    this.sanitize = sanitize;
    this.maxQueryLength = maxQueryLength;
    this.slowQueryThresholdMillis = slowQueryThresholdMillis;
  }

  static JdbcSettings from(TracerConfig config) {
    boolean sanitizeByDefault = config.getBoolean(COMMON_SANITIZER, true);
    return new JdbcSettings(config.getBoolean(SANITIZER, sanitizeByDefault),
        config.getInt(MAX_QUERY_LENGTH, 1000, 16, 1_000_000),
        config.getDurationMillis(SLOW_QUERY_THRESHOLD, 100));
  }

  static boolean poolWaitSpans(TracerConfig config) {
    return config.getBoolean(POOL_WAIT_SPANS, false);
  }

  /** {@code false} shows statements as the application wrote them: for development only. */
  boolean sanitize() {
    return sanitize;
  }

  /** Longer statements are cut, and analysed only up to here. */
  int maxQueryLength() {
    return maxQueryLength;
  }

  /** 0: no call counts as slow. */
  long slowQueryThresholdMillis() {
    return slowQueryThresholdMillis;
  }
}
