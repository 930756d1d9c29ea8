package io.tracer.instrumentation.jdbc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.tracer.instrumentation.jdbc.sql.SqlDialect;
import io.tracer.instrumentation.jdbc.sql.SqlSanitizer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The conventions' {@code exception} event, with every message in it (the stack trace's too) passed through the
 * sanitizer: drivers quote the statement or the offending values in their messages (H2 appends the whole SQL,
 * PostgreSQL a duplicate key's value), which would otherwise carry what {@code db.query.text} hides.
 */
final class SanitizedExceptions {

  static final String EVENT = "exception";
  static final AttributeKey<String> TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("exception.message");
  static final AttributeKey<String> STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private static final int MAX_MESSAGE_LENGTH = 4096;
  private static final int MAX_CAUSES = 8;

  private SanitizedExceptions() {}

  static void record(Span span, Throwable thrown, SqlDialect dialect) {
    String message = thrown.getMessage();
    Attributes attributes = message == null
        ? Attributes.of(TYPE, thrown.getClass().getName(), STACKTRACE, stackTrace(thrown, dialect))
        : Attributes.of(TYPE, thrown.getClass().getName(), MESSAGE, sanitize(message, dialect),
            STACKTRACE, stackTrace(thrown, dialect));
    span.addEvent(EVENT, attributes);
  }

  /** As {@code printStackTrace} writes it, causes included, with sanitized messages. */
  static String stackTrace(Throwable thrown, SqlDialect dialect) {
    StringBuilder trace = new StringBuilder();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable current = thrown;
    for (int depth = 0; current != null && depth <= MAX_CAUSES && seen.put(current, Boolean.TRUE) == null; depth++) {
      if (depth > 0) {
        trace.append("Caused by: ");
      }
      trace.append(current.getClass().getName());
      if (current.getMessage() != null) {
        trace.append(": ").append(sanitize(current.getMessage(), dialect));
      }
      trace.append('\n');
      for (StackTraceElement frame : current.getStackTrace()) {
        trace.append("\tat ").append(frame).append('\n');
      }
      current = current.getCause();
    }
    return trace.toString();
  }

  private static String sanitize(String message, SqlDialect dialect) {
    return SqlSanitizer.sanitizeMessage(message, dialect, MAX_MESSAGE_LENGTH);
  }
}
