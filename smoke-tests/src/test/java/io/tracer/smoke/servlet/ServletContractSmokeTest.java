package io.tracer.smoke.servlet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the agent promises for every servlet container: one SERVER span per request, named by the route, with the
 * stable HTTP attributes, errors, propagation, ignored paths, async, forwards and filters. Each subclass runs it
 * against one application (one JVM for the whole class) and one OTLP transport.
 *
 * <p>Each request carries a unique {@code req} query parameter, so a test finds its own span in the shared
 * receiver. That a request produced no span is shown with a later request as a barrier: spans are exported in
 * the order they end, so once the barrier's span has arrived, a span of an earlier request would have too.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletContractSmokeTest {

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final String USER_AGENT = "tracer-smoke-test/1.0";
  static final String TRACE_ID_HEADER = "trace-id";
  private static final long ASYNC_COMPLETION_DELAY_NANOS = Duration.ofMillis(150).toNanos();

  private OtlpReceiver receiver;
  private TracedApp app;

  /** The folder name of the application under {@code smoke-tests/apps/}. */
  abstract String appName();

  abstract OtlpProtocol protocol();

  /** Whether this run configures {@value #TRACE_ID_HEADER} as the trace id response header (off by default). */
  boolean returnsTraceIdHeader() {
    return false;
  }

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    TracedApp.Builder builder = TracedApp.builder(appName())
        .label(getClass().getSimpleName())
        .serviceName(serviceName())
        .exportTo(receiver, protocol())
        .env("OTEL_PROPAGATORS", "tracecontext,baggage,b3,b3multi,jaeger");
    if (returnsTraceIdHeader()) {
      builder.env("OTEL_HTTP_SERVER_RESPONSE_TRACE_ID_HEADER", TRACE_ID_HEADER);
    }
    app = builder.start();
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
  void exactMappingGivesOneServerSpanNamedByRouteWithHttpAttributes() throws Exception {
    String marker = newMarker();
    HttpResult result = app.get("/hello?req=" + marker, Map.of("User-Agent", USER_AGENT));
    assertEquals(new HttpResult(200, "hello"), result);

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /hello", span.name()),
        () -> assertEquals(SpanKind.SPAN_KIND_SERVER, span.kind()),
        () -> assertEquals("io.tracer.servlet", span.scopeName()),
        () -> assertEquals(serviceName(), span.serviceName()),
        () -> assertEquals(protocol(), span.protocol()),
        () -> assertEquals("GET", span.stringAttribute("http.request.method")),
        () -> assertEquals("http", span.stringAttribute("url.scheme")),
        () -> assertEquals("/hello", span.stringAttribute("url.path")),
        () -> assertEquals("req=" + marker, span.stringAttribute("url.query")),
        () -> assertEquals("/hello", span.stringAttribute("http.route")),
        () -> assertEquals(200L, span.longAttribute("http.response.status_code")),
        () -> assertEquals("127.0.0.1", span.stringAttribute("server.address")),
        () -> assertEquals((long) app.port(), span.longAttribute("server.port")),
        () -> assertEquals("127.0.0.1", span.stringAttribute("client.address")),
        () -> assertEquals(USER_AGENT, span.stringAttribute("user_agent.original")),
        () -> assertEquals("1.1", span.stringAttribute("network.protocol.version")),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, span.statusCode()),
        () -> assertEquals("", span.parentSpanId(), "no incoming context: a root span"));
  }

  @Test
  void pathMappingNamesTheSpanByTheMappingNotTheRawPath() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "/42"), app.get("/orders/42?req=" + marker));

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /orders/*", span.name()),
        () -> assertEquals("/orders/*", span.stringAttribute("http.route")),
        () -> assertEquals("/orders/42", span.stringAttribute("url.path")));
  }

  @Test
  void defaultServletGivesTheMethodAloneAsName() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "default"), app.get("/no/such/page?req=" + marker));

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals("/no/such/page", span.stringAttribute("url.path")));
  }

  @Test
  void sensitiveQueryValuesAreRedacted() throws Exception {
    String marker = newMarker();
    app.get("/hello?user=alice&password=hunter2&token=t0k&secret=s3&api_key=k3y&sig=abc&req=" + marker);

    ReceivedSpan span = awaitServerSpan(marker);
    assertEquals("user=alice&password=REDACTED&token=REDACTED&secret=REDACTED&api_key=REDACTED&sig=REDACTED&req="
        + marker, span.stringAttribute("url.query"));
  }

  @Test
  void escapingExceptionGivesErrorSpanWithExceptionEvent() throws Exception {
    String marker = newMarker();
    assertEquals(500, app.get("/fail?req=" + marker).status());

    ReceivedSpan span = awaitServerSpan(marker);
    Span.Event exception = span.event("exception").orElseThrow(
        () -> new AssertionError("no exception event on " + span));
    assertAll(
        () -> assertEquals("GET /fail", span.name()),
        () -> assertEquals(StatusCode.STATUS_CODE_ERROR, span.statusCode()),
        () -> assertEquals(500L, span.longAttribute("http.response.status_code")),
        () -> assertEquals("java.lang.IllegalStateException",
            OtlpAttributes.stringValue(exception.getAttributesList(), "exception.type")),
        () -> assertEquals("boom", OtlpAttributes.stringValue(exception.getAttributesList(), "exception.message")),
        () -> assertTrue(String.valueOf(OtlpAttributes.stringValue(exception.getAttributesList(),
            "exception.stacktrace")).contains("FailServlet.doGet"), "the stack trace names the servlet"));
  }

  @Test
  void serverErrorStatusGivesErrorSpan() throws Exception {
    String marker = newMarker();
    assertEquals(503, app.get("/status/503?req=" + marker).status());

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /status/*", span.name()),
        () -> assertEquals(503L, span.longAttribute("http.response.status_code")),
        () -> assertEquals(StatusCode.STATUS_CODE_ERROR, span.statusCode()),
        () -> assertTrue(span.event("exception").isEmpty(), "no exception was thrown"));
  }

  @Test
  void clientErrorStatusLeavesStatusUnset() throws Exception {
    String marker = newMarker();
    assertEquals(404, app.get("/status/404?req=" + marker).status());

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals(404L, span.longAttribute("http.response.status_code")),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, span.statusCode()));
  }

  static Stream<Arguments> incomingContextFormats() {
    return Stream.of(
        Arguments.of("traceparent (W3C)", (Function<IncomingContext, Map<String, String>>) context ->
            Map.of("traceparent", "00-" + context.traceId() + "-" + context.spanId() + "-01")),
        Arguments.of("b3 single header", (Function<IncomingContext, Map<String, String>>) context ->
            Map.of("b3", context.traceId() + "-" + context.spanId() + "-1")),
        Arguments.of("b3 multiple headers", (Function<IncomingContext, Map<String, String>>) context ->
            Map.of("X-B3-TraceId", context.traceId(), "X-B3-SpanId", context.spanId(), "X-B3-Sampled", "1")),
        Arguments.of("uber-trace-id (Jaeger)", (Function<IncomingContext, Map<String, String>>) context ->
            Map.of("uber-trace-id", context.traceId() + ":" + context.spanId() + ":0:1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("incomingContextFormats")
  void incomingContextBecomesTheParent(String format, Function<IncomingContext, Map<String, String>> headers)
      throws Exception {
    IncomingContext incoming = IncomingContext.random();
    assertEquals(200, app.get("/hello", headers.apply(incoming)).status());

    ReceivedSpan span =
        receiver.awaitSpan(received -> received.traceId().equals(incoming.traceId()), SPAN_TIMEOUT);
    assertAll(
        () -> assertEquals(SpanKind.SPAN_KIND_SERVER, span.kind()),
        () -> assertEquals(incoming.spanId(), span.parentSpanId()),
        () -> assertNotEquals(incoming.spanId(), span.spanId()));
  }

  @Test
  void requestWithoutContextStartsNewTraceEvenAfterOneWithContext() throws Exception {
    IncomingContext earlier = IncomingContext.random();
    app.get("/hello", Map.of("traceparent", "00-" + earlier.traceId() + "-" + earlier.spanId() + "-01"));
    String marker = newMarker();
    app.get("/hello?req=" + marker);

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("", span.parentSpanId()),
        () -> assertNotEquals(earlier.traceId(), span.traceId(), "a pooled thread's earlier context leaked"),
        () -> assertNotEquals("0".repeat(32), span.traceId()));
  }

  @Test
  void healthMetricsAndFaviconGiveNoSpan() throws Exception {
    assertEquals(new HttpResult(200, "ok"), app.get("/health"));
    assertEquals(200, app.get("/metrics").status());
    assertEquals(200, app.get("/favicon.ico").status());

    awaitSpansOfEarlierRequests();
    List<ReceivedSpan> ignored = receiver.matching(span -> List.of("/health", "/metrics", "/favicon.ico")
        .contains(span.stringAttribute("url.path")));
    assertTrue(ignored.isEmpty(), "spans of ignored paths:" + OtlpReceiver.describe(ignored));
  }

  @Test
  void asyncRequestSpanEndsWhenTheAsyncWorkCompletes() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "async"), app.get("/async?req=" + marker));

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /async", span.name()),
        () -> assertEquals(200L, span.longAttribute("http.response.status_code")),
        () -> assertTrue(span.durationNanos() >= ASYNC_COMPLETION_DELAY_NANOS,
            "ended after " + span.durationNanos() + " ns, before the async work completed"));
    awaitSpansOfEarlierRequests();
    assertEquals(1, receiver.spansOfTrace(span.traceId()).size(), "one span for the async request");
  }

  @Test
  void forwardGivesOneServerSpan() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "hello"), app.get("/forward?req=" + marker));

    ReceivedSpan span = awaitServerSpan(marker);
    awaitSpansOfEarlierRequests();
    List<ReceivedSpan> trace = receiver.spansOfTrace(span.traceId());
    assertEquals(1, trace.size(), "spans of the forwarded request:" + OtlpReceiver.describe(trace));
    assertEquals("GET /forward", span.name());
  }

  @Test
  void passThroughFilterAddsNoSpan() throws Exception {
    String marker = newMarker();
    app.get("/orders/7?req=" + marker);

    ReceivedSpan span = awaitServerSpan(marker);
    awaitSpansOfEarlierRequests();
    List<ReceivedSpan> trace = receiver.spansOfTrace(span.traceId());
    assertEquals(1, trace.size(), "spans of one filtered request:" + OtlpReceiver.describe(trace));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tracedPaths")
  void traceIdIsInTheResponseHeaderOnlyWhenConfigured(String path) throws Exception {
    String marker = newMarker();
    HttpResponse<String> response = app.send(path + "?req=" + marker, Map.of());

    ReceivedSpan span = awaitServerSpan(marker);
    assertEquals(returnsTraceIdHeader() ? Optional.of(span.traceId()) : Optional.empty(),
        response.headers().firstValue(TRACE_ID_HEADER));
  }

  /** A plain answer, one the container turns into a 500 after an exception, and one written after an async wait. */
  static Stream<String> tracedPaths() {
    return Stream.of("/hello", "/fail", "/async");
  }

  private String serviceName() {
    return appName() + "-smoke";
  }

  private static String newMarker() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private ReceivedSpan awaitServerSpan(String marker) throws InterruptedException {
    List<ReceivedSpan> spans = receiver.awaitSpans(span -> String.valueOf(span.stringAttribute("url.query"))
        .endsWith("req=" + marker), 1, SPAN_TIMEOUT);
    assertEquals(1, spans.size(), "spans of one request:" + OtlpReceiver.describe(spans));
    return spans.get(0);
  }

  /** Sends a barrier request and waits for its span: every span of an earlier request has arrived by then. */
  private void awaitSpansOfEarlierRequests() throws InterruptedException {
    String barrier = newMarker();
    app.get("/hello?req=" + barrier);
    awaitServerSpan(barrier);
  }

  /** A caller's trace and span id, random for each test so that spans are found by their trace. */
  record IncomingContext(String traceId, String spanId) {
    static IncomingContext random() {
      String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
      return new IncomingContext(hex.substring(0, 32), hex.substring(32, 48));
    }
  }
}
