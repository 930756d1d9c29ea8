package io.tracer.instrumentation.api.logs;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.CallDepth;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/**
 * Log records written inside a span, at or above {@code otel.instrumentation.logs.span-events.level} (ERROR by
 * default), become a {@code log} event of that span with their message and exception; with
 * {@code otel.instrumentation.logs.mark-span-error=true} they also set the span's status to ERROR. Each logging
 * module maps its levels to the OpenTelemetry severity numbers below.
 */
public final class LogSpanEvents {

  public static final int TRACE = 1;
  public static final int DEBUG = 5;
  public static final int INFO = 9;
  public static final int WARN = 13;
  public static final int ERROR = 17;
  public static final int FATAL = 21;
  private static final int OFF = Integer.MAX_VALUE;

  static final String LEVEL_KEY = "otel.instrumentation.logs.span-events.level";
  static final String MARK_ERROR_KEY = "otel.instrumentation.logs.mark-span-error";
  private static final AttributeKey<String> SEVERITY = AttributeKey.stringKey("log.severity");
  private static final AttributeKey<String> MESSAGE = AttributeKey.stringKey("log.message");
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE = AttributeKey.stringKey("exception.stacktrace");

  private static final CallDepth RECORDING = CallDepth.of("log-span-events");

  private LogSpanEvents() {}

  /** Cheap enough for every record: whether one of {@code severity} would be recorded on the current span. */
  public static boolean isRecorded(int severity) {
    return severity >= Settings.THRESHOLD && Span.current().isRecording();
  }

  /**
   * Records the event on the current span; call after {@link #isRecorded} said yes. A record logged while one is
   * recorded (by a {@code toString} of the message's arguments, say) is not.
   */
  public static void record(String severityText, String message, Throwable thrown) {
    if (RECORDING.enter() == 0) {
      try {
        addEvent(severityText, message, thrown);
      } finally {
        RECORDING.exit();
      }
    } else {
      RECORDING.exit();
    }
  }

  private static void addEvent(String severityText, String message, Throwable thrown) {
    Span span = Span.current();
    AttributesBuilder attributes = Attributes.builder().put(SEVERITY, severityText);
    if (message != null) {
      attributes.put(MESSAGE, message);
    }
    if (thrown != null) {
      attributes.put(EXCEPTION_TYPE, thrown.getClass().getName());
      if (thrown.getMessage() != null) {
        attributes.put(EXCEPTION_MESSAGE, thrown.getMessage());
      }
      StringWriter stackTrace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(stackTrace));
      attributes.put(EXCEPTION_STACKTRACE, stackTrace.toString());
    }
    span.addEvent("log", attributes.build());
    if (Settings.MARK_ERROR) {
      span.setStatus(StatusCode.ERROR, message == null ? "" : message);
    }
  }

  /** Read when the first record is logged, which is after the installer has set the configuration. */
  private static final class Settings {
    static final int THRESHOLD;
    static final boolean MARK_ERROR;

    static {
      TracerConfig config = AgentServices.config();
      THRESHOLD = severity(config.getOneOf(LEVEL_KEY, "error",
          Arrays.asList("trace", "debug", "info", "warn", "error", "fatal", "off")));
      MARK_ERROR = config.getBoolean(MARK_ERROR_KEY, false);
    }

    private static int severity(String level) {
      switch (level) {
        case "trace":
          return TRACE;
        case "debug":
          return DEBUG;
        case "info":
          return INFO;
        case "warn":
          return WARN;
        case "fatal":
          return FATAL;
        case "off":
          return OFF;
        default:
          return ERROR;
      }
    }
  }
}
