package io.tracer.instrumentation.jul;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.logs.LogSpanEvents;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What a JUL record gets from the trace it is logged in. JUL has no MDC, and its formatters print only the record's
 * fields: parameters are consumed by the message pattern, and a field no formatter reads finds no log line. So the
 * ids go where every formatter looks, at the start of the message, and only when
 * {@code otel.instrumentation.jul.trace-ids-in-message} is on, because that changes what the application logs.
 */
final class JulRecords {

  static final String IDS_IN_MESSAGE_KEY = "otel.instrumentation.jul.trace-ids-in-message";
  private static final String PREFIX = "[trace_id=";
  /** Only its {@code formatMessage} is used: the JDK's own rendering of a record's pattern and parameters. */
  private static final SimpleFormatter MESSAGE_FORMATTER = new SimpleFormatter();
  private static final boolean IDS_IN_MESSAGE = AgentServices.config().getBoolean(IDS_IN_MESSAGE_KEY, false);

  private JulRecords() {}

  static void correlate(Logger logger, LogRecord record) {
    Level level = record.getLevel();
    if (level != null && LogSpanEvents.isRecorded(severity(level.intValue())) && logger.isLoggable(level)) {
      LogSpanEvents.record(level.getName(), MESSAGE_FORMATTER.formatMessage(record), record.getThrown());
    }
    if (IDS_IN_MESSAGE) {
      prefixIds(record);
    }
  }

  private static void prefixIds(LogRecord record) {
    SpanContext span = Span.current().getSpanContext();
    String message = record.getMessage();
    // a localized message is a resource bundle key, which a prefix would break; a record logged twice has its ids
    if (!span.isValid() || record.getResourceBundle() != null || (message != null && message.startsWith(PREFIX))) {
      return;
    }
    // no braces or quotes: the message may be a MessageFormat pattern
    record.setMessage(PREFIX + span.getTraceId() + " span_id=" + span.getSpanId() + " trace_flags="
        + span.getTraceFlags().asHex() + "] " + (message == null ? "" : message));
  }

  /** SEVERE is 1000, WARNING 900, INFO 800, CONFIG 700, FINE 500, FINER 400, FINEST 300. */
  private static int severity(int level) {
    if (level >= Level.SEVERE.intValue()) {
      return LogSpanEvents.ERROR;
    }
    if (level >= Level.WARNING.intValue()) {
      return LogSpanEvents.WARN;
    }
    if (level >= Level.INFO.intValue()) {
      return LogSpanEvents.INFO;
    }
    return level >= Level.FINE.intValue() ? LogSpanEvents.DEBUG : LogSpanEvents.TRACE;
  }
}
