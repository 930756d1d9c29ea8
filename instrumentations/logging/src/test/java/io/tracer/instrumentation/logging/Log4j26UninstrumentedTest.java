package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Log4j 2.6 is below the supported range (its own surefire run): events must reach appenders as before, with no trace
 * ids and no span events, and the agent says once, at debug level, why.
 */
class Log4j26UninstrumentedTest {

  @Test
  void log4j26WorksAndIsLeftAlone() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    Capturing captured = new Capturing();
    try {
      AgentLog.enableDebug(true);
      TestAgent.install();
      Traced.assertLoadedFrom(LogEvent.class, "log4j-core-" + System.getProperty("expected.log4j2.version") + ".jar");
      Logger logger = loggerInto(captured);
      Traced.run("log4j26-error", null, () -> logger.error("order {} failed", 42));
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    assertTrue(said.toString().contains("Log4j 2: this version (2.6 or older: no context data) is not supported"),
        said::toString);
    assertEquals(1, captured.messages.size(), captured.messages::toString);
    assertEquals("order 42 failed", captured.messages.get(0));
    assertTrue(captured.contexts.get(0).isEmpty(), captured.contexts::toString);
    SpanData span = Traced.finished("log4j26-error");
    assertTrue(Traced.logEvents(span).isEmpty(), span::toString);
    assertEquals(1, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  private static Logger loggerInto(Capturing captured) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    captured.start();
    configuration.getRootLogger().addAppender(captured, Level.ALL, null);
    configuration.getRootLogger().setLevel(Level.INFO);
    context.updateLoggers();
    return LogManager.getLogger("log4j26-test");
  }

  /** Keeps what it is given as strings and maps: 2.6 events have no immutable copy. */
  private static final class Capturing extends AbstractAppender {
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();

    @SuppressWarnings("deprecation") // the constructor 2.6 has
    Capturing() {
      super("capturing", null, null, true);
    }

    @Override
    @SuppressWarnings("deprecation") // getContextData came with 2.7
    public void append(LogEvent event) {
      messages.add(event.getMessage().getFormattedMessage());
      contexts.add(event.getContextMap());
    }
  }
}
