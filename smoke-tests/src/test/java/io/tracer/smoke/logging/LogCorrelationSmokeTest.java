package io.tracer.smoke.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A traced Tomcat application that logs through SLF4J and Logback with {@code %X{trace_id}} in its pattern: the
 * lines a request writes to stdout carry the ids of that request's SERVER span and its correlation id, and its
 * ERROR line is an event of that span.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogCorrelationSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("logging").exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF).start();
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void theRequestsLogLinesCarryTheIdsOfItsSpan() throws Exception {
    String order = UUID.randomUUID().toString();
    assertEquals(new HttpResult(200, "placed " + order),
        app.get("/orders?order=" + order, Map.of("X-Correlation-ID", "corr-" + order)));

    ReceivedSpan server = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
        && ("order=" + order).equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);
    String ids = "trace_id=" + server.traceId() + " span_id=" + server.spanId() + " correlation_id=corr-" + order;
    assertEquals(List.of("LOG INFO " + ids + " order " + order + " placed",
        "LOG ERROR " + ids + " order " + order + " not shipped"), linesAbout(order));
    assertEquals("corr-" + order, server.stringAttribute("correlation.id"));

    Span.Event event = server.event("log").orElseThrow(() -> new AssertionError(server.toString()));
    assertEquals("order " + order + " not shipped", OtlpAttributes.stringValue(event.getAttributesList(), "log.message"));
    assertEquals("java.lang.IllegalStateException",
        OtlpAttributes.stringValue(event.getAttributesList(), "exception.type"));
  }

  @Test
  void aLineLoggedOutsideAnyRequestHasNoIds() {
    // logged before LISTENING, for which the start waited
    assertTrue(app.stdoutLines().contains("LOG INFO trace_id= span_id= correlation_id= started"),
        app.describeOutput());
  }

  /** The request's two lines, once the app's stdout has been read that far. */
  private List<String> linesAbout(String order) throws InterruptedException {
    long deadline = System.nanoTime() + SPAN_TIMEOUT.toNanos();
    while (true) {
      List<String> lines = app.stdoutLines().stream()
          .filter(line -> line.startsWith("LOG ") && line.contains("order " + order)).toList();
      if (lines.size() >= 2 || System.nanoTime() > deadline) {
        return lines;
      }
      Thread.sleep(20);
    }
  }
}
