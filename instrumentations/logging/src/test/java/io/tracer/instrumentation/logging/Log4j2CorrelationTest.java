package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Log4j2CorrelationTest {

  private static final Capturing CAPTURED = new Capturing();
  private static Logger logger;

  @BeforeAll
  static void installAgentThenLog4j() {
    TestAgent.install();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    CAPTURED.start();
    configuration.getRootLogger().addAppender(CAPTURED, Level.ALL, null);
    configuration.getRootLogger().setLevel(Level.INFO);
    context.updateLoggers();
    logger = LogManager.getLogger("log4j2-test");
  }

  @BeforeEach
  void clear() {
    CAPTURED.events.clear();
    TestAgent.reset();
  }

  @Test
  void runsOnTheExpectedLog4j() {
    Traced.assertLoadedFrom(LogEvent.class, "log4j-core-" + System.getProperty("expected.log4j2.version") + ".jar");
  }

  @Test
  void anEventInsideASpanCarriesItsIdsBesideTheThreadContext() {
    ThreadContext.put("tenant", "acme");
    Span span;
    try {
      span = Traced.run("log4j2-info", null, () -> logger.info("order {} placed", 42));
    } finally {
      ThreadContext.remove("tenant");
    }

    Map<String, String> contextData = onlyEvent().getContextData().toMap();
    assertEquals(span.getSpanContext().getTraceId(), contextData.get("trace_id"));
    assertEquals(span.getSpanContext().getSpanId(), contextData.get("span_id"));
    assertEquals(span.getSpanContext().getTraceFlags().asHex(), contextData.get("trace_flags"));
    assertEquals("acme", contextData.get("tenant"));
    assertEquals(span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId() + " order 42 placed",
        layout().toSerializable(onlyEvent()));
    assertTrue(Traced.logEvents(Traced.finished("log4j2-info")).isEmpty(), "an INFO record is no span event");
  }

  @Test
  void anEventWithAnEmptyThreadContextGetsIdsToo() {
    Span span = Traced.run("log4j2-bare", null, () -> logger.info("bare"));
    assertEquals(span.getSpanContext().getSpanId(), onlyEvent().getContextData().toMap().get("span_id"));
  }

  @Test
  void anEventOutsideAnySpanCarriesNoIds() {
    ThreadContext.put("tenant", "acme");
    try {
      logger.info("idle");
    } finally {
      ThreadContext.remove("tenant");
    }
    Map<String, String> contextData = onlyEvent().getContextData().toMap();
    assertNull(contextData.get("trace_id"));
    assertEquals("acme", contextData.get("tenant"));
  }

  @Test
  void theCorrelationIdFromBaggageIsInTheContextData() {
    Traced.run("log4j2-correlated", "order-7", () -> logger.warn("slow"));
    assertEquals("order-7", onlyEvent().getContextData().toMap().get("correlation_id"));
  }

  @Test
  void anErrorRecordBecomesOneSpanEventWithItsException() {
    IllegalStateException failure = new IllegalStateException("stock exhausted");
    Traced.run("log4j2-error", null, () -> {
      logger.warn("a warning is below the default level");
      logger.error("order {} failed", 42, failure);
    });

    SpanData span = Traced.finished("log4j2-error");
    List<EventData> events = Traced.logEvents(span);
    assertEquals(1, events.size(), events.toString());
    EventData event = events.get(0);
    assertEquals("ERROR", Traced.attribute(event, "log.severity"));
    assertEquals("order 42 failed", Traced.attribute(event, "log.message"));
    assertEquals(IllegalStateException.class.getName(), Traced.attribute(event, "exception.type"));
    assertEquals("stock exhausted", Traced.attribute(event, "exception.message"));
    Traced.assertErrorMarking(span);
  }

  @Test
  void aFatalRecordThroughTheLocationAwarePathIsOneSpanEvent() {
    Traced.run("log4j2-fatal", null, () -> logger.atFatal().withLocation().log("disk full"));
    List<EventData> events = Traced.logEvents(Traced.finished("log4j2-fatal"));
    assertEquals(1, events.size(), events.toString());
    assertEquals("FATAL", Traced.attribute(events.get(0), "log.severity"));
    assertEquals("disk full", Traced.attribute(events.get(0), "log.message"));
  }

  private static PatternLayout layout() {
    return PatternLayout.newBuilder().withPattern("%X{trace_id} %X{span_id} %m").build();
  }

  private static LogEvent onlyEvent() {
    assertEquals(1, CAPTURED.events.size(), CAPTURED.events.toString());
    return CAPTURED.events.get(0);
  }

  /** Keeps an immutable copy of each event, as an asynchronous appender would. */
  private static final class Capturing extends AbstractAppender {
    final List<LogEvent> events = new CopyOnWriteArrayList<>();

    Capturing() {
      super("capturing", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      events.add(event.toImmutable());
    }
  }
}
