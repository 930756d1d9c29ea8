package io.tracer.smoke.otelapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that uses its own copy of the OpenTelemetry API ({@code apps/otel-api}) and registers no SDK:
 * inside the agent's SERVER span it starts a span through {@code GlobalOpenTelemetry}, makes it current, calls
 * out over HTTP, calls a {@code @WithSpan} method, injects and extracts headers, and keeps a value of its own in
 * the context. Everything it saw is compared with the spans that arrive over OTLP: one trace, the app's span
 * between the agent's. Each subclass runs the app built against another API version.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApplicationOpenTelemetryApiSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private final String appName;
  private final String apiJar;
  private OtlpReceiver receiver;
  private TracedApp app;
  private Map<String, String> report;

  ApplicationOpenTelemetryApiSmokeTest(String appName, String apiJar) {
    this.appName = appName;
    this.apiJar = apiJar;
  }

  @BeforeAll
  void startAppAndWork() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder(appName)
        .label(getClass().getSimpleName())
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .start();
    HttpResult work = app.get("/work", Map.of("X-Correlation-ID", "corr-17"));
    assertEquals(200, work.status(), work.body());
    report = work.body().lines()
        .map(line -> line.split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
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
  void theAppRunsItsOwnApiVersion() {
    assertEquals(apiJar, report.get("opentelemetry-api.jar"));
  }

  @Test
  void theAppSeesTheAgentsServerSpanAndBaggage() throws Exception {
    ReceivedSpan server = receiver.awaitSpanNamed("GET /work", SPAN_TIMEOUT);
    assertEquals(SpanKind.SPAN_KIND_SERVER, server.kind(), server::toString);
    assertAll(
        () -> assertEquals(server.traceId(), report.get("server.trace_id")),
        () -> assertEquals(server.spanId(), report.get("server.span_id")),
        () -> assertEquals("corr-17", report.get("baggage.correlation_id")),
        () -> assertEquals(server.spanId(), report.get("after.span_id"),
            "once the app's scope is closed, the agent's span is current again"));
  }

  @Test
  void theAppsSpanIsAChildOfTheServerSpanWithWhatTheAppSaid() throws Exception {
    ReceivedSpan server = receiver.awaitSpanNamed("GET /work", SPAN_TIMEOUT);
    ReceivedSpan work = receiver.awaitSpanNamed("work", SPAN_TIMEOUT);
    assertAll(
        () -> assertEquals(SpanKind.SPAN_KIND_INTERNAL, work.kind(), work::toString),
        () -> assertEquals("example.otelapi", work.scopeName(), work::toString),
        () -> assertEquals("1.0", work.scope().getVersion(), work::toString),
        () -> assertEquals(server.traceId(), work.traceId(), work::toString),
        () -> assertEquals(server.spanId(), work.parentSpanId(), work::toString),
        () -> assertEquals(work.traceId(), report.get("work.trace_id")),
        () -> assertEquals(work.spanId(), report.get("work.span_id")),
        () -> assertEquals("true", report.get("work.sampled")),
        () -> assertEquals(42L, work.longAttribute("app.order.id"), work::toString),
        () -> assertEquals("c-7", work.stringAttribute("app.customer"), work::toString),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, work.statusCode(), work::toString),
        () -> assertEquals("out of stock", work.span().getStatus().getMessage(), work::toString));
    Span.Event stock = work.event("stock checked").orElseThrow(() -> new AssertionError(work.toString()));
    assertEquals(3L, OtlpAttributes.longValue(stock.getAttributesList(), "app.items"));
    Span.Event exception = work.event("exception").orElseThrow(() -> new AssertionError(work.toString()));
    assertEquals("java.lang.IllegalStateException",
        OtlpAttributes.stringValue(exception.getAttributesList(), "exception.type"));
  }

  @Test
  void theAgentsSpansInsideTheAppsSpanAreItsChildren() throws Exception {
    ReceivedSpan work = receiver.awaitSpanNamed("work", SPAN_TIMEOUT);
    ReceivedSpan client = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && work.traceId().equals(span.traceId()), SPAN_TIMEOUT);
    ReceivedSpan hello = receiver.awaitSpanNamed("GET /hello", SPAN_TIMEOUT);
    ReceivedSpan inventory = receiver.awaitSpanNamed("inventory.check", SPAN_TIMEOUT);
    assertAll(
        () -> assertEquals("200 hello", report.get("hello.result")),
        () -> assertEquals(work.spanId(), client.parentSpanId(), client::toString),
        () -> assertEquals(client.spanId(), hello.parentSpanId(), hello::toString),
        () -> assertEquals(work.traceId(), hello.traceId(), hello::toString),
        () -> assertEquals(work.spanId(), inventory.parentSpanId(), inventory::toString),
        () -> assertEquals(inventory.spanId(), report.get("inventory.span_id"),
            "inside the @WithSpan method, Span.current() is its span"),
        () -> assertEquals("book", inventory.stringAttribute("app.item"), inventory::toString));
  }

  @Test
  void theAppsPropagatorIsTheAgents() throws Exception {
    ReceivedSpan work = receiver.awaitSpanNamed("work", SPAN_TIMEOUT);
    String traceparent = report.get("traceparent");
    assertTrue(traceparent.startsWith("00-" + work.traceId() + "-" + work.spanId() + "-"), traceparent);
    assertEquals(1, Integer.parseInt(traceparent.substring(traceparent.lastIndexOf('-') + 1), 16) & 1,
        "sampled: " + traceparent);

    ReceivedSpan remoteChild = receiver.awaitSpanNamed("remote-child", SPAN_TIMEOUT);
    assertAll(
        () -> assertEquals(SpanKind.SPAN_KIND_CONSUMER, remoteChild.kind(), remoteChild::toString),
        () -> assertEquals("0af7651916cd43dd8448eb211c80319c", remoteChild.traceId(), remoteChild::toString),
        () -> assertEquals("b7ad6b7169203331", remoteChild.parentSpanId(), remoteChild::toString));
  }

  @Test
  void theAppsOwnContextEntriesFollowTheAgentsContext() {
    assertEquals("acme", report.get("tenant.same_thread"));
    assertEquals("acme", report.get("tenant.other_thread"),
        "the app's entry rides in the agent's context, which the agent hands to the pool's thread");
  }

  @Test
  void noLinkageErrorReachesTheApp() {
    List<String> problems = app.stderrLines().stream()
        .filter(line -> line.contains("LinkageError") || line.contains("NoSuchMethodError")
            || line.contains("NoClassDefFoundError") || line.contains("ClassCastException")
            || line.contains("AbstractMethodError") || line.contains("not linked"))
        .toList();
    assertTrue(problems.isEmpty(), "on the app's stderr: " + problems);
  }
}
