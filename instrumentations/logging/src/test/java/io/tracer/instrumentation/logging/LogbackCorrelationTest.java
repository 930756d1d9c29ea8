package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogbackCorrelationTest {

  private static final ListAppender<ILoggingEvent> CAPTURED = new ListAppender<>();
  private static Logger logger;
  private static PatternLayout layout;

  @BeforeAll
  static void installAgentThenLogback() {
    TestAgent.install();
    logger = (Logger) LoggerFactory.getLogger("logback-test");
    logger.setAdditive(false);
    CAPTURED.setContext(logger.getLoggerContext());
    CAPTURED.start();
    logger.addAppender(CAPTURED);
    layout = new PatternLayout();
    layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    layout.setPattern("%X{trace_id} %X{span_id} %X{correlation_id} %msg");
    layout.start();
  }

  @BeforeEach
  void clear() {
    CAPTURED.list.clear();
    TestAgent.reset();
  }

  @Test
  void runsOnTheExpectedLogback() {
    Traced.assertLoadedFrom(LoggingEvent.class, "logback-classic-" + System.getProperty("expected.logback.version")
        + ".jar");
  }

  @Test
  void anEventInsideASpanCarriesItsIdsBesideTheApplicationsOwnMdc() {
    MDC.put("tenant", "acme");
    Span span;
    try {
      span = Traced.run("logback-info", null, () -> logger.info("order {} placed", 42));
    } finally {
      MDC.remove("tenant");
    }

    Map<String, String> mdc = onlyEvent().getMDCPropertyMap();
    assertEquals(span.getSpanContext().getTraceId(), mdc.get("trace_id"));
    assertEquals(span.getSpanContext().getSpanId(), mdc.get("span_id"));
    assertEquals(span.getSpanContext().getTraceFlags().asHex(), mdc.get("trace_flags"));
    assertEquals("acme", mdc.get("tenant"));
    assertFalse(mdc.containsKey("correlation_id"));
    assertEquals(span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId() + "  order 42 placed",
        layout.doLayout(onlyEvent()));
    assertTrue(Traced.logEvents(Traced.finished("logback-info")).isEmpty(), "an INFO record is no span event");
  }

  @Test
  void anEventOutsideAnySpanCarriesNoIds() {
    logger.info("idle");
    Map<String, String> mdc = onlyEvent().getMDCPropertyMap();
    assertNull(mdc.get("trace_id"));
    assertNull(mdc.get("span_id"));
    assertEquals("   idle", layout.doLayout(onlyEvent()));
  }

  @Test
  void theCorrelationIdFromBaggageIsInTheMdc() {
    Traced.run("logback-correlated", "order-7", () -> logger.warn("slow"));
    assertEquals("order-7", onlyEvent().getMDCPropertyMap().get("correlation_id"));
  }

  @Test
  void anErrorRecordBecomesASpanEventWithItsException() {
    IllegalStateException failure = new IllegalStateException("stock exhausted");
    Traced.run("logback-error", null, () -> {
      logger.warn("a warning is below the default level");
      logger.error("order {} failed", 42, failure);
    });

    SpanData span = Traced.finished("logback-error");
    List<EventData> events = Traced.logEvents(span);
    assertEquals(1, events.size(), events.toString());
    EventData event = events.get(0);
    assertEquals("ERROR", Traced.attribute(event, "log.severity"));
    assertEquals("order 42 failed", Traced.attribute(event, "log.message"));
    assertEquals(IllegalStateException.class.getName(), Traced.attribute(event, "exception.type"));
    assertEquals("stock exhausted", Traced.attribute(event, "exception.message"));
    assertTrue(Traced.attribute(event, "exception.stacktrace").contains("anErrorRecordBecomesASpanEventWithItsException"));
    Traced.assertErrorMarking(span);
  }

  private static ILoggingEvent onlyEvent() {
    assertEquals(1, CAPTURED.list.size(), CAPTURED.list.toString());
    return CAPTURED.list.get(0);
  }
}
