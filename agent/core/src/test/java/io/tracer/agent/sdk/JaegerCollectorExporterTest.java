package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaegertracing.thriftjava.Batch;
import java.net.ServerSocket;
import java.util.List;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code otel.traces.exporter=jaeger}: what reaches a real HTTP listener, decoded with Jaeger's Thrift classes. */
class JaegerCollectorExporterTest {

  private static HttpBodyReceiver collector;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = new HttpBodyReceiver();
  }

  @AfterAll
  static void stopCollector() {
    collector.close();
  }

  @Test
  void postsABinaryThriftBatchThatJaegersOwnClassesDecode() throws Exception {
    collector.respondWith(202);
    String endpoint = collector.url("/collector-ok/api/traces");
    TracedScenario scenario;
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "jaeger", "otel.exporter.jaeger.endpoint",
        endpoint);
    try (sdk) {
      scenario = TracedScenario.run(sdk.tracer());
    }

    List<HttpBodyReceiver.Request> requests = requestsTo("/collector-ok/api/traces");
    assertEquals(1, requests.size());
    assertEquals("POST", requests.get(0).method());
    assertEquals("application/x-thrift", requests.get(0).contentType());
    Batch batch = new Batch();
    new TDeserializer(new TBinaryProtocol.Factory()).deserialize(batch, requests.get(0).body());
    JaegerThriftAssertions.assertScenario(scenario, batch.getSpans(), batch);
    assertEquals(List.of(), sdk.diagnosticLines());
    assertEquals("", sdk.configProblems());
  }

  @Test
  void aRefusedBatchIsToldWithTheCollectorsAnswer() {
    collector.respondWith(503);
    String endpoint = collector.url("/collector-down/api/traces");
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "jaeger", "otel.exporter.jaeger.endpoint",
        endpoint);
    try (sdk) {
      TracedScenario.run(sdk.tracer());
    }

    assertEquals(1, requestsTo("/collector-down/api/traces").size());
    assertEquals(List.of("[tracer] lost 2 spans for " + endpoint + " because export failed: HTTP 503 Service "
        + "Unavailable; further losses are summarized at most once a minute"), sdk.diagnosticLines());
  }

  @Test
  void aCollectorThatIsNotThereIsToldWithTheConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort + "/api/traces";
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "jaeger", "otel.exporter.jaeger.endpoint",
        endpoint);
    try (sdk) {
      sdk.tracer().spanBuilder("lost").startSpan().end();
    }

    List<String> lines = sdk.diagnosticLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[tracer] lost 1 span for " + endpoint + " because export failed: "
        + "java.net.ConnectException"), lines.get(0));
  }

  @Test
  void aBadEndpointIsReportedAndTheDefaultUsed() {
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "jaeger", "otel.exporter.jaeger.endpoint",
        "collector:14268");
    sdk.close();

    assertEquals(List.of("[tracer] invalid configuration otel.exporter.jaeger.endpoint=\"collector:14268\" (accepted: "
        + "an http:// or https:// URL without query or fragment); using http://localhost:14268/api/traces"),
        sdk.configProblems().lines().toList());
  }

  private static List<HttpBodyReceiver.Request> requestsTo(String path) {
    return collector.requests().stream().filter(r -> r.path().equals(path)).toList();
  }
}
