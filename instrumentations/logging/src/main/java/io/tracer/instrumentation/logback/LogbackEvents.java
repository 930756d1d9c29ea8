package io.tracer.instrumentation.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.logs.LogContext;
import io.tracer.instrumentation.api.logs.LogSpanEvents;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/** What a new Logback event gets from the trace it is logged in. */
final class LogbackEvents {

  private LogbackEvents() {}

  static void correlate(LoggingEvent event) {
    String[] entries = LogContext.entries(Context.current());
    if (entries != null) {
      // Logback copies the MDC lazily, when an appender first asks; set now, the copy is the logging thread's.
      // SLF4J's MDC is the adapter Logback reads (1.3+ asks its LoggerContext, which SLF4J's provider shares).
      Map<String, String> copy = MDC.getCopyOfContextMap();
      Map<String, String> mdc = copy == null ? new HashMap<String, String>() : copy;
      for (int i = 0; i < entries.length; i += 2) {
        // what the application put there itself is its own choice
        if (!mdc.containsKey(entries[i])) {
          mdc.put(entries[i], entries[i + 1]);
        }
      }
      event.setMDCPropertyMap(mdc);
    }
    Level level = event.getLevel();
    if (level != null && LogSpanEvents.isRecorded(severity(level.toInt()))) {
      LogSpanEvents.record(level.toString(), event.getFormattedMessage(), throwable(event.getThrowableProxy()));
    }
  }

  private static int severity(int level) {
    if (level >= Level.ERROR_INT) {
      return LogSpanEvents.ERROR;
    }
    if (level >= Level.WARN_INT) {
      return LogSpanEvents.WARN;
    }
    if (level >= Level.INFO_INT) {
      return LogSpanEvents.INFO;
    }
    return level >= Level.DEBUG_INT ? LogSpanEvents.DEBUG : LogSpanEvents.TRACE;
  }

  private static Throwable throwable(IThrowableProxy proxy) {
    return proxy instanceof ThrowableProxy ? ((ThrowableProxy) proxy).getThrowable() : null;
  }
}
