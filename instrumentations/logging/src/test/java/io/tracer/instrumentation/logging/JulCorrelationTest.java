package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ids in the message are switched on for this test JVM by the build (surefire's system properties). */
class JulCorrelationTest {

  private static final Capturing CAPTURED = new Capturing();
  private static final Logger LOGGER = Logger.getLogger("jul-test");

  @BeforeAll
  static void installAgent() {
    TestAgent.install();
    LOGGER.setUseParentHandlers(false);
    LOGGER.addHandler(CAPTURED);
  }

  @BeforeEach
  void clear() {
    CAPTURED.records.clear();
    TestAgent.reset();
  }

  @Test
  void aRecordInsideASpanHasItsIdsAtTheStartOfItsMessage() {
    Span span = Traced.run("jul-info", null, () -> LOGGER.log(Level.INFO, "order {0} placed", 42));

    assertEquals("[trace_id=" + span.getSpanContext().getTraceId() + " span_id=" + span.getSpanContext().getSpanId()
        + " trace_flags=" + span.getSpanContext().getTraceFlags().asHex() + "] order 42 placed", onlyMessage());
    assertTrue(Traced.logEvents(Traced.finished("jul-info")).isEmpty(), "an INFO record is no span event");
  }

  @Test
  void aRecordOutsideAnySpanIsAsLogged() {
    LOGGER.info("idle");
    assertEquals("idle", onlyMessage());
  }

  @Test
  void aSevereRecordBecomesOneSpanEventWithItsException() {
    IllegalStateException failure = new IllegalStateException("stock exhausted");
    Traced.run("jul-severe", null, () -> {
      LOGGER.warning("a warning is below the default level");
      LOGGER.log(Level.SEVERE, "order 42 failed", failure);
      LOGGER.log(Level.FINE, "below the logger's level: neither logged nor an event");
    });

    SpanData span = Traced.finished("jul-severe");
    List<EventData> events = Traced.logEvents(span);
    assertEquals(1, events.size(), events.toString());
    EventData event = events.get(0);
    assertEquals("SEVERE", Traced.attribute(event, "log.severity"));
    assertEquals("order 42 failed", Traced.attribute(event, "log.message"));
    assertEquals(IllegalStateException.class.getName(), Traced.attribute(event, "exception.type"));
    assertEquals("stock exhausted", Traced.attribute(event, "exception.message"));
    Traced.assertErrorMarking(span);
  }

  private static String onlyMessage() {
    assertEquals(1, CAPTURED.records.size());
    return new SimpleFormatter().formatMessage(CAPTURED.records.get(0));
  }

  private static final class Capturing extends Handler {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
