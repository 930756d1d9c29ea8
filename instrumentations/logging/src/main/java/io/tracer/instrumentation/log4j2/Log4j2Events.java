package io.tracer.instrumentation.log4j2;

import io.tracer.instrumentation.api.logs.LogSpanEvents;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.Message;

/** Log4j records that become span events. */
final class Log4j2Events {

  private Log4j2Events() {}

  static void record(Level level, Message message, Throwable thrown) {
    if (level == null || !LogSpanEvents.isRecorded(severity(level.intLevel()))) {
      return;
    }
    Throwable throwable = thrown;
    if (throwable == null && message != null) {
      throwable = message.getThrowable();
    }
    LogSpanEvents.record(level.name(), message == null ? null : message.getFormattedMessage(), throwable);
  }

  /** Log4j's levels count down: FATAL is 100, ERROR 200, ..., TRACE 600; custom levels fall in between. */
  private static int severity(int intLevel) {
    if (intLevel <= Level.FATAL.intLevel()) {
      return LogSpanEvents.FATAL;
    }
    if (intLevel <= Level.ERROR.intLevel()) {
      return LogSpanEvents.ERROR;
    }
    if (intLevel <= Level.WARN.intLevel()) {
      return LogSpanEvents.WARN;
    }
    if (intLevel <= Level.INFO.intLevel()) {
      return LogSpanEvents.INFO;
    }
    return intLevel <= Level.DEBUG.intLevel() ? LogSpanEvents.DEBUG : LogSpanEvents.TRACE;
  }
}
