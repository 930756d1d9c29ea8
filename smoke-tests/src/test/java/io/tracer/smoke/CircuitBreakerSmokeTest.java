package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The circuit breaker in a JVM of 256 MB with a heap threshold of 50%: {@code /retain} fills the old generation to
 * about three quarters and collects, which opens the breaker; requests then have no span; {@code /release} frees it
 * and collects, which closes it; requests have spans again. Each change is told on stderr exactly once.
 *
 * <p>That a request had no span is shown with a later request as a barrier: spans are exported in the order they
 * end, so once the barrier's span has arrived, a span of an earlier request would have too.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CircuitBreakerSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String OPEN_LINE = "[tracer] WARN circuit breaker open: heap ";
  private static final String CLOSED_LINE = "[tracer] WARN circuit breaker closed: ";

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("heap-pressure").label(getClass().getSimpleName()).serviceName("pressed")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .jvmArgument("-Xmx256m")
        .jvmArgument("-XX:+UseG1GC")
        .env("OTEL_TRACER_CIRCUIT_BREAKER_HEAP_THRESHOLD", "0.5")
        .start();
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void opensUnderHeapPressureAfterGcSkipsNewTracesAndClosesWhenTheHeapIsFreed() throws InterruptedException {
    awaitSpanOf("/work?req=before");

    assertEquals(200, app.get("/retain?mb=150").status());
    Optional<String> opened = app.awaitStderrLine(line -> line.startsWith(OPEN_LINE), TIMEOUT);
    assertTrue(opened.isPresent(), app.describeOutput());
    assertEquals(200, app.get("/work?req=while-open-1").status());
    assertEquals(200, app.get("/work?req=while-open-2").status());

    assertEquals(200, app.get("/release").status());
    Optional<String> closed = app.awaitStderrLine(line -> line.startsWith(CLOSED_LINE), TIMEOUT);
    assertTrue(closed.isPresent(), app.describeOutput());
    awaitSpanOf("/work?req=after");

    List<ReceivedSpan> whileOpen = receiver.matching(span -> query(span).startsWith("req=while-open")
        || "/release".equals(OtlpAttributes.stringValue(span.span().getAttributesList(), "url.path")));
    assertTrue(whileOpen.isEmpty(), "spans of requests that started while the breaker was open:"
        + OtlpReceiver.describe(whileOpen));
    // the request that opened the breaker was under way: its span ends and arrives as usual
    assertEquals(1, receiver.matching(span ->
        "/retain".equals(OtlpAttributes.stringValue(span.span().getAttributesList(), "url.path"))).size());
    assertEquals(1, app.stderrLines().stream().filter(line -> line.startsWith(OPEN_LINE)).count(),
        app.describeOutput());
    assertEquals(1, app.stderrLines().stream().filter(line -> line.startsWith(CLOSED_LINE)).count(),
        app.describeOutput());
    assertTrue(closed.get().endsWith("(3 new traces skipped since the start)"), closed.get());
  }

  private void awaitSpanOf(String pathAndQuery) throws InterruptedException {
    assertEquals(200, app.get(pathAndQuery).status());
    String query = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1);
    receiver.awaitSpan(span -> query.equals(query(span)), TIMEOUT);
  }

  private static String query(ReceivedSpan span) {
    String query = OtlpAttributes.stringValue(span.span().getAttributesList(), "url.query");
    return query == null ? "" : query;
  }
}
