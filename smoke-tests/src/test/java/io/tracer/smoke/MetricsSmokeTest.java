package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedMetric;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code OTEL_METRICS_EXPORTER=otlp}: the JVM's runtime metrics and the HTTP request-duration histograms reach a
 * real OTLP receiver. Spans go over gRPC, metrics over HTTP/protobuf through the metrics-specific keys, so both
 * the generic and the signal-specific settings are in play. The application relays a request to itself:
 * {@code /relay/<port>/back} makes one outgoing request to {@code /back}.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsSmokeTest {

  private static final Duration METRIC_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("http-client-chain").label(getClass().getSimpleName()).serviceName("metered")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("OTEL_METRICS_EXPORTER", "otlp")
        .env("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf")
        .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", receiver.endpoint(OtlpProtocol.HTTP_PROTOBUF) + "/v1/metrics")
        .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
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
  void runtimeMetricsArriveWithTheStableNamesAndTheServicesResource() throws InterruptedException {
    ReceivedMetric heap = receiver.awaitMetric(metric -> metric.name().equals("jvm.memory.used")
        && metric.pointAttributes().stream().anyMatch(point ->
            "heap".equals(OtlpAttributes.stringValue(point, "jvm.memory.type"))), METRIC_TIMEOUT);
    assertEquals("metered", heap.serviceName());
    assertEquals(OtlpProtocol.HTTP_PROTOBUF, heap.protocol());
    assertEquals("By", heap.metric().getUnit());
    assertEquals("io.tracer.runtime", heap.scope().getName());
    for (String name : List.of("jvm.memory.committed", "jvm.memory.limit", "jvm.memory.used_after_last_gc",
        "jvm.thread.count", "jvm.class.loaded", "jvm.class.count", "jvm.cpu.time", "jvm.cpu.count",
        "jvm.cpu.recent_utilization", "tracer.circuit_breaker.state")) {
      receiver.awaitMetric(metric -> metric.name().equals(name), METRIC_TIMEOUT);
    }
  }

  @Test
  void serverAndClientRequestDurationsArriveWithRouteMethodStatusAndServer() throws InterruptedException {
    HttpResult result = app.get("/relay/" + app.port() + "/back");
    assertEquals(200, result.status(), result.body());

    ReceivedMetric server = receiver.awaitMetric(metric -> metric.name().equals("http.server.request.duration")
        && point(metric, "http.route", "/back") != null, METRIC_TIMEOUT);
    assertEquals("s", server.metric().getUnit());
    HistogramDataPoint back = point(server, "http.route", "/back");
    assertTrue(back.getCount() >= 1, back.toString());
    assertEquals("GET", OtlpAttributes.stringValue(back.getAttributesList(), "http.request.method"));
    assertEquals(200L, OtlpAttributes.longValue(back.getAttributesList(), "http.response.status_code"));
    assertEquals("http", OtlpAttributes.stringValue(back.getAttributesList(), "url.scheme"));
    assertEquals(List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0),
        back.getExplicitBoundsList());

    ReceivedMetric client = receiver.awaitMetric(metric -> metric.name().equals("http.client.request.duration")
        && point(metric, "server.address", "127.0.0.1") != null, METRIC_TIMEOUT);
    HistogramDataPoint toBack = point(client, "server.address", "127.0.0.1");
    List<KeyValue> attributes = toBack.getAttributesList();
    assertEquals((long) app.port(), OtlpAttributes.longValue(attributes, "server.port"));
    assertEquals("GET", OtlpAttributes.stringValue(attributes, "http.request.method"));
    assertEquals(200L, OtlpAttributes.longValue(attributes, "http.response.status_code"));
  }

  @Test
  void withMetricsOffNoClassOfTheMetricsSdkIsLoaded() throws Exception {
    try (TracedApp unmetered = TracedApp.builder("http-client-chain").label(getClass().getSimpleName() + "-off")
        .serviceName("unmetered")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .jvmArgument("-verbose:class")
        .start()) {
      HttpResult result = unmetered.get("/relay/" + unmetered.port() + "/back");
      assertEquals(200, result.status(), result.body());
      receiver.awaitSpan(span -> span.serviceName().equals("unmetered") && span.name().equals("GET /back"),
          METRIC_TIMEOUT);
      List<String> loaded = unmetered.stdoutLines().stream().filter(line -> line.contains("[class,load]")).toList();
      String serverTracer = " io.tracer.instrumentation.api.http.HttpServerTracer ";
      assertTrue(loaded.stream().anyMatch(line -> line.contains(serverTracer)),
          "the class-loading log was read: " + loaded.size() + " lines");
      List<String> metricsClasses = loaded.stream().filter(line -> line.contains(" io.opentelemetry.sdk.metrics.")
          || line.contains("Durations ") || line.contains(" io.tracer.agent.runtime.Jvm")).toList();
      assertTrue(metricsClasses.isEmpty(), String.join("\n", metricsClasses));
    }
  }

  private static HistogramDataPoint point(ReceivedMetric metric, String key, String value) {
    for (HistogramDataPoint point : metric.metric().getHistogram().getDataPointsList()) {
      if (value.equals(OtlpAttributes.stringValue(point.getAttributesList(), key))) {
        return point;
      }
    }
    return null;
  }
}
