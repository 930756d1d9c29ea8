package io.tracer.instrumentation.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.CorrelationId;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTracerTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final ByteArrayOutputStream problemOutput = new ByteArrayOutputStream();
  private final PrintStream problems = new PrintStream(problemOutput, true);
  private final RequestAccessor accessor = new RequestAccessor();
  private HttpServerTracer<Request, Integer> tracer;

  @BeforeEach
  void installSdk() {
    installSdk(Collections.<String, String>emptyMap());
  }

  private void installSdk(Map<String, String> config) {
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    AgentServices.initialize(TracerConfig.of(config, new ConfigProblems(problems)), sdk);
    tracer = new HttpServerTracer<>("test", accessor);
  }

  @Test
  void namesTheSpanAfterTheRouteAndRecordsTheStableAttributes() {
    Request request = new Request("GET", "/orders/42", "token=t0p&page=1", "/orders/*");
    request.headers.put("user-agent", "curl/8");
    tracer.end(tracer.start(request, 0), "GET", null, 200, null);

    SpanData span = onlySpan();
    assertEquals("GET /orders/*", span.getName());
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals("GET", attribute(span, "http.request.method"));
    assertEquals("/orders/42", attribute(span, "url.path"));
    assertEquals("token=REDACTED&page=1", attribute(span, "url.query"));
    assertEquals("/orders/*", attribute(span, "http.route"));
    assertEquals("curl/8", attribute(span, "user_agent.original"));
    assertEquals("1.1", attribute(span, "network.protocol.version"));
    assertEquals(200L, span.getAttributes().get(HttpServerTracer.STATUS_CODE));
    assertEquals(8080L, span.getAttributes().get(HttpServerTracer.SERVER_PORT));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void neverNamesTheSpanAfterARawPath() {
    tracer.end(tracer.start(new Request("GET", "/files/123/abc", null, null), 0), "GET", null, 200, null);
    assertEquals("GET", onlySpan().getName());
  }

  @Test
  void takesTheParentFromHeadersOnlyNeverFromAContextLeftOnTheThread() {
    Span leaked = AgentServices.tracer("test").spanBuilder("leaked").startSpan();
    try (Scope ignored = Context.root().with(leaked).makeCurrent()) {
      tracer.end(tracer.start(new Request("GET", "/a", null, null), 0), "GET", null, 200, null);
      Request withParent = new Request("GET", "/b", null, null);
      withParent.headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      tracer.end(tracer.start(withParent, 0), "GET", null, 200, null);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertFalse(spans.get(0).getParentSpanContext().isValid());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", spans.get(1).getTraceId());
    assertEquals("00f067aa0ba902b7", spans.get(1).getParentSpanId());
    assertTrue(spans.get(1).getParentSpanContext().isRemote());
  }

  @Test
  void anEscapingExceptionIsAnErrorWithTheStatusTheContainerWillSend() {
    tracer.end(tracer.start(new Request("POST", "/pay", null, "/pay"), 0), "POST", null, 200,
        new IllegalStateException("declined"));
    SpanData span = onlySpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(500L, span.getAttributes().get(HttpServerTracer.STATUS_CODE));
    assertEquals("java.lang.IllegalStateException", attribute(span, "error.type"));
    assertEquals("exception", span.getEvents().get(0).getName());
  }

  @Test
  void fiveHundredsAreErrorsAndFourHundredsAreNot() {
    tracer.end(tracer.start(new Request("GET", "/x", null, "/x"), 0), "GET", null, 503, null);
    tracer.end(tracer.start(new Request("GET", "/y", null, "/y"), 0), "GET", null, 404, null);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(StatusCode.ERROR, spans.get(0).getStatus().getStatusCode());
    assertEquals("503", attribute(spans.get(0), "error.type"));
    assertEquals(StatusCode.UNSET, spans.get(1).getStatus().getStatusCode());
    assertNull(attribute(spans.get(1), "error.type"));
  }

  @Test
  void unknownMethodsAreReportedAsOther() {
    tracer.end(tracer.start(new Request("PURGE", "/cache", null, null), 0), "PURGE", null, 200, null);
    SpanData span = onlySpan();
    assertEquals("HTTP", span.getName());
    assertEquals("_OTHER", attribute(span, "http.request.method"));
    assertEquals("PURGE", attribute(span, "http.request.method_original"));
  }

  @Test
  void ignoresTheDefaultHealthPaths() {
    assertTrue(tracer.isIgnored(new Request("GET", "/health", null, null)));
    assertTrue(tracer.isIgnored(new Request("GET", "/favicon.ico", null, null)));
    assertFalse(tracer.isIgnored(new Request("GET", "/healthy", null, null)));
  }

  @Test
  void setsTheTraceIdAsTheConfiguredResponseHeaderWhenTheSpanStarts() {
    installSdk(Collections.singletonMap("OTEL_HTTP_SERVER_RESPONSE_TRACE_ID_HEADER", "Trace-Id"));
    Context context = tracer.start(new Request("GET", "/a", null, null), 0);
    assertEquals(Collections.singletonMap("Trace-Id", Span.fromContext(context).getSpanContext().getTraceId()),
        accessor.responseHeaders, "set at the start, before the application writes");
    tracer.end(context, "GET", null, 200, null);
  }

  @Test
  void setsNoTraceIdHeaderUnlessConfigured() {
    tracer.end(tracer.start(new Request("GET", "/a", null, null), 0), "GET", null, 200, null);
    assertTrue(accessor.responseHeaders.isEmpty());
  }

  @Test
  void setsNoTraceIdHeaderForAnUnsampledTrace() {
    installSdk(Collections.singletonMap("otel.http.server.response.trace-id-header", "trace-id"));
    Request request = new Request("GET", "/a", null, null);
    request.headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    tracer.end(tracer.start(request, 0), "GET", null, 200, null);
    assertTrue(accessor.responseHeaders.isEmpty());
  }

  @Test
  void aHeaderNameThatIsNoHttpTokenIsReportedAndSwitchesTheHeaderOff() {
    installSdk(Collections.singletonMap("otel.http.server.response.trace-id-header", "trace id:"));
    tracer.end(tracer.start(new Request("GET", "/a", null, null), 0), "GET", null, 200, null);
    assertTrue(accessor.responseHeaders.isEmpty());
    assertTrue(problemOutput.toString().contains("otel.http.server.response.trace-id-header=\"trace id:\""),
        problemOutput.toString());
  }

  @Test
  void keepsTheIncomingCorrelationIdAsBaggage() {
    Request request = new Request("GET", "/orders", null, null);
    request.headers.put("X-Correlation-ID", " order-7 ");
    Context context = tracer.start(request, 0);
    tracer.end(context, "GET", null, 200, null);
    assertEquals("order-7", CorrelationId.of(context));
  }

  @Test
  void generatesNoCorrelationIdUnlessConfigured() {
    Context context = tracer.start(new Request("GET", "/orders", null, null), 0);
    assertNull(CorrelationId.of(context));

    installSdk(Collections.singletonMap("otel.correlation-id.generate", "true"));
    String generated = CorrelationId.of(tracer.start(new Request("GET", "/orders", null, null), 0));
    assertEquals(36, generated.length(), generated);
  }

  @Test
  void readsTheConfiguredCorrelationHeaderOnly() {
    installSdk(Collections.singletonMap("otel.correlation-id.header", "X-Request-ID"));
    Request request = new Request("GET", "/orders", null, null);
    request.headers.put("X-Correlation-ID", "ignored");
    request.headers.put("X-Request-ID", "req-1");
    assertEquals("req-1", CorrelationId.of(tracer.start(request, 0)));

    installSdk(Collections.singletonMap("otel.correlation-id.header", "none"));
    assertNull(CorrelationId.of(tracer.start(request, 0)));
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size());
    return spans.get(0);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(key));
  }

  private static final class Request {
    final String method;
    final String path;
    final String query;
    final String route;
    final Map<String, String> headers = new HashMap<>();

    Request(String method, String path, String query, String route) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.route = route;
    }
  }

  private static final class RequestAccessor implements ServerExchangeAccessor<Request, Integer> {
    final Map<String, String> responseHeaders = new HashMap<>();

    @Override
    public String method(Request request) {
      return request.method;
    }

    @Override
    public String scheme(Request request) {
      return "http";
    }

    @Override
    public String path(Request request) {
      return request.path;
    }

    @Override
    public String query(Request request) {
      return request.query;
    }

    @Override
    public String route(Request request) {
      return request.route;
    }

    @Override
    public String serverAddress(Request request) {
      return "localhost";
    }

    @Override
    public int serverPort(Request request) {
      return 8080;
    }

    @Override
    public String peerAddress(Request request) {
      return "127.0.0.1";
    }

    @Override
    public String protocol(Request request) {
      return "HTTP/1.1";
    }

    @Override
    public int statusCode(Integer status) {
      return status;
    }

    @Override
    public Iterable<String> keys(Request request) {
      return request.headers.keySet();
    }

    @Override
    public String get(Request request, String key) {
      return request == null ? null : request.headers.get(key);
    }

    @Override
    public void setResponseHeader(Integer response, String name, String value) {
      responseHeaders.put(name, value);
    }
  }
}
