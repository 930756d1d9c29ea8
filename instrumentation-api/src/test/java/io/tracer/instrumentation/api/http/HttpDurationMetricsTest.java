package io.tracer.instrumentation.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request-duration histograms of the HTTP server and client tracers, on a real meter provider. */
class HttpDurationMetricsTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private HttpServerTracer<ServerRequest, Integer> server;
  private HttpClientTracer<URI, Integer> client;

  @BeforeEach
  void installSdk() {
    // nothing sampled: the histograms must count every request all the same
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOff())
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.noop())
        .build();
    AgentServices.initialize(TracerConfig.of(Collections.<String, String>emptyMap(), new ConfigProblems(System.err)),
        sdk, SdkMeterProvider.builder().registerMetricReader(metrics).build());
    server = new HttpServerTracer<>("test", new ServerAccessor());
    client = new HttpClientTracer<>("test", new ClientAccessor());
  }

  @AfterEach
  void metricsOff() {
    AgentServices.initialize(AgentServices.config(), io.opentelemetry.api.OpenTelemetry.noop());
  }

  @Test
  void everyServerRequestIsMeasuredByMethodRouteAndStatusEvenUnsampled() {
    server.end(server.start(new ServerRequest("GET", "/orders/*"), 0), "GET", null, 200, null);
    server.end(server.start(new ServerRequest("GET", "/orders/*"), 0), "GET", null, 200, null);
    server.end(server.start(new ServerRequest("POST", null), 0), "POST", "/pay/{id}", 503, null);

    assertTrue(spans.getFinishedSpanItems().isEmpty());
    MetricData histogram = metric("http.server.request.duration");
    assertEquals("s", histogram.getUnit());
    HistogramPointData orders = point(histogram, "http.route", "/orders/*");
    assertEquals(2, orders.getCount());
    assertEquals(Attributes.builder().put("http.request.method", "GET").put("url.scheme", "http")
        .put("http.route", "/orders/*").put("http.response.status_code", 200L).build(), orders.getAttributes());
    assertEquals(HttpDurationBuckets.SECONDS, orders.getBoundaries());
    HistogramPointData pay = point(histogram, "http.route", "/pay/{id}");
    assertEquals("503", pay.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals(503L, pay.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
  }

  @Test
  void anEscapingExceptionIsMeasuredAsTheFiveHundredTheContainerSends() {
    server.end(server.start(new ServerRequest("GET", "/boom"), 0), "GET", null, 200, new IllegalStateException());
    HistogramPointData boom = point(metric("http.server.request.duration"), "http.route", "/boom");
    assertEquals(500L, boom.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("java.lang.IllegalStateException", boom.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void everyClientRequestIsMeasuredByMethodAndServer() {
    client.end(client.start(Context.root(), URI.create("http://inventory.internal:8081/items?id=1")), 200, null);
    client.endWithStatus(client.start(Context.root(), URI.create("https://pay.example/charge")), 0,
        new java.net.ConnectException("refused"));

    MetricData histogram = metric("http.client.request.duration");
    HistogramPointData inventory = point(histogram, "server.address", "inventory.internal");
    assertEquals(Attributes.builder().put("http.request.method", "GET").put("server.address", "inventory.internal")
        .put("server.port", 8081L).put("http.response.status_code", 200L).build(), inventory.getAttributes());
    HistogramPointData refused = point(histogram, "server.address", "pay.example");
    assertEquals("java.net.ConnectException", refused.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertNull(refused.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
  }

  @Test
  void withMetricsOffNothingIsMeasured() {
    AgentServices.initialize(AgentServices.config(), io.opentelemetry.api.OpenTelemetry.noop());
    HttpServerTracer<ServerRequest, Integer> unmeasured = new HttpServerTracer<>("test", new ServerAccessor());
    unmeasured.end(unmeasured.start(new ServerRequest("GET", "/quiet"), 0), "GET", null, 200, null);
    HttpClientTracer<URI, Integer> unmeasuredClient = new HttpClientTracer<>("test", new ClientAccessor());
    Context request = unmeasuredClient.start(Context.root(), URI.create("http://quiet.example/"));
    assertTrue(HttpClientTracer.isInClientRequest(request));
    unmeasuredClient.end(request, 200, null);
    assertFalse(metrics.collectAllMetrics().stream()
        .anyMatch(metric -> metric.getHistogramData().getPoints().stream().anyMatch(point ->
            "/quiet".equals(point.getAttributes().get(AttributeKey.stringKey("http.route")))
                || "quiet.example".equals(point.getAttributes().get(AttributeKey.stringKey("server.address"))))));
  }

  private MetricData metric(String name) {
    List<String> names = new ArrayList<>();
    for (MetricData metric : metrics.collectAllMetrics()) {
      if (metric.getName().equals(name)) {
        return metric;
      }
      names.add(metric.getName());
    }
    throw new AssertionError("no metric " + name + " among " + names);
  }

  private static HistogramPointData point(MetricData histogram, String key, String value) {
    for (HistogramPointData point : histogram.getHistogramData().getPoints()) {
      if (value.equals(point.getAttributes().get(AttributeKey.stringKey(key)))) {
        return point;
      }
    }
    throw new AssertionError("no point with " + key + "=" + value + " in " + histogram);
  }

  private static final class ServerRequest {
    final String method;
    final String route;

    ServerRequest(String method, String route) {
      this.method = method;
      this.route = route;
    }
  }

  private static final class ServerAccessor implements ServerExchangeAccessor<ServerRequest, Integer> {
    @Override
    public String method(ServerRequest request) {
      return request.method;
    }

    @Override
    public String scheme(ServerRequest request) {
      return "http";
    }

    @Override
    public String path(ServerRequest request) {
      return "/raw/path";
    }

    @Override
    public String query(ServerRequest request) {
      return null;
    }

    @Override
    public String route(ServerRequest request) {
      return request.route;
    }

    @Override
    public String serverAddress(ServerRequest request) {
      return "localhost";
    }

    @Override
    public int serverPort(ServerRequest request) {
      return 8080;
    }

    @Override
    public String peerAddress(ServerRequest request) {
      return "127.0.0.1";
    }

    @Override
    public String protocol(ServerRequest request) {
      return "HTTP/1.1";
    }

    @Override
    public int statusCode(Integer status) {
      return status;
    }

    @Override
    public Iterable<String> keys(ServerRequest request) {
      return Collections.emptyList();
    }

    @Override
    public String get(ServerRequest request, String key) {
      return null;
    }

    @Override
    public void setResponseHeader(Integer response, String name, String value) {}
  }

  private static final class ClientAccessor implements ClientExchangeAccessor<URI, Integer> {
    @Override
    public String method(URI request) {
      return "GET";
    }

    @Override
    public String url(URI request) {
      return request.toString();
    }

    @Override
    public String serverAddress(URI request) {
      return request.getHost();
    }

    @Override
    public int serverPort(URI request) {
      return request.getPort() > 0 ? request.getPort() : "https".equals(request.getScheme()) ? 443 : 80;
    }

    @Override
    public int statusCode(Integer status) {
      return status;
    }
  }
}
