package io.tracer.instrumentation.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpClientTracerTest {

  private static final TextMapSetter<Map<String, String>> MAP_SETTER = Map::put;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private HttpClientTracer<Request, Integer> tracer;

  @BeforeEach
  void installSdk() {
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    Map<String, String> config = Collections.singletonMap("otel.http.client.no-propagation-hosts",
        "api.partner.example, *.thirdparty.example");
    AgentServices.initialize(TracerConfig.of(config, new ConfigProblems(System.err)), sdk);
    tracer = new HttpClientTracer<>("test", new RequestAccessor());
  }

  @Test
  void recordsTheStableClientAttributesWithoutCredentialsOrSecrets() {
    Request request = new Request("GET", "https://alice:s3cret@shop.example:8443/orders?token=abc&page=2#top");
    tracer.end(tracer.start(Context.root(), request), 200, null);

    SpanData span = onlySpan();
    assertEquals("GET", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals("GET", attribute(span, "http.request.method"));
    assertEquals("https://shop.example:8443/orders?token=REDACTED&page=2", attribute(span, "url.full"));
    assertEquals("shop.example", attribute(span, "server.address"));
    assertEquals(8443L, span.getAttributes().get(HttpClientTracer.SERVER_PORT));
    assertEquals(200L, span.getAttributes().get(HttpClientTracer.STATUS_CODE));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void keepsAUrlWithNothingToRemoveAsItIs() {
    UrlSanitizer sanitizer = new UrlSanitizer(new QueryRedactor(Arrays.asList("token")));
    String url = "http://localhost:8080/a/b?page=1";
    assertSame(url, sanitizer.sanitize(url));
    assertEquals("http://localhost/a@b", sanitizer.sanitize("http://u@localhost/a@b"));
    assertEquals("http://localhost?token=REDACTED", sanitizer.sanitize("http://localhost?token=x"));
  }

  @Test
  void fourHundredsAndFiveHundredsAreClientErrors() {
    tracer.end(tracer.start(Context.root(), new Request("GET", "http://h/missing")), 404, null);
    tracer.end(tracer.start(Context.root(), new Request("POST", "http://h/broken")), 503, null);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(StatusCode.ERROR, spans.get(0).getStatus().getStatusCode());
    assertEquals("404", attribute(spans.get(0), "error.type"));
    assertEquals("503", attribute(spans.get(1), "error.type"));
  }

  @Test
  void anExceptionIsRecordedAndNamesTheError() {
    tracer.end(tracer.start(Context.root(), new Request("GET", "http://h/")), 0, new IOException("refused"));
    SpanData span = onlySpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("java.io.IOException", attribute(span, "error.type"));
    assertEquals("exception", span.getEvents().get(0).getName());
    assertNull(span.getAttributes().get(HttpClientTracer.STATUS_CODE));
  }

  @Test
  void aClientInsideAnotherClientsRequestStartsNoSecondSpan() {
    Context outer = tracer.start(Context.root(), new Request("GET", "http://h/"));
    assertTrue(HttpClientTracer.isInClientRequest(outer));
    assertNull(tracer.start(outer, new Request("GET", "http://h/")));
    assertFalse(HttpClientTracer.isInClientRequest(Context.root()));
  }

  @Test
  void theAgentsOwnExportsAreNotTraced() {
    Context[] started = new Context[1];
    InstrumentationUtil.suppressInstrumentation(
        () -> started[0] = tracer.start(Context.current(), new Request("POST", "http://collector/api/traces")));
    assertNull(started[0]);
    assertEquals(0, exporter.getFinishedSpanItems().size());
  }

  @Test
  void unknownMethodsAreNamedHttp() {
    tracer.end(tracer.start(Context.root(), new Request("PURGE", "http://h/")), 200, null);
    SpanData span = onlySpan();
    assertEquals("HTTP", span.getName());
    assertEquals("_OTHER", attribute(span, "http.request.method"));
    assertEquals("PURGE", attribute(span, "http.request.method_original"));
  }

  @Test
  void injectsHeadersExceptForTheListedHosts() {
    Map<String, String> own = inject("http://orders.internal/");
    Map<String, String> partner = inject("https://api.partner.example/");
    Map<String, String> wildcard = inject("https://eu.thirdparty.example/");
    Map<String, String> lookalike = inject("https://thirdparty.example.org/");
    assertTrue(own.containsKey("traceparent"));
    assertTrue(partner.isEmpty());
    assertTrue(wildcard.isEmpty());
    assertTrue(lookalike.containsKey("traceparent"));
  }

  private Map<String, String> inject(String url) {
    Request request = new Request("GET", url);
    Context context = tracer.start(Context.root(), request);
    Map<String, String> headers = new HashMap<>();
    tracer.inject(context, request, headers, MAP_SETTER);
    tracer.end(context, 200, null);
    return headers;
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(1, spans.size());
    return spans.get(0);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static final class Request {
    final String method;
    final URI uri;

    Request(String method, String url) {
      this.method = method;
      this.uri = URI.create(url);
    }
  }

  private static final class RequestAccessor implements ClientExchangeAccessor<Request, Integer> {
    @Override
    public String method(Request request) {
      return request.method;
    }

    @Override
    public String url(Request request) {
      return request.uri.toString();
    }

    @Override
    public String serverAddress(Request request) {
      return request.uri.getHost();
    }

    @Override
    public int serverPort(Request request) {
      return request.uri.getPort();
    }

    @Override
    public int statusCode(Integer status) {
      return status;
    }
  }
}
