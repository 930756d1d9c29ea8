package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import zipkin2.Annotation;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/** {@code otel.traces.exporter=zipkin}: what reaches a real HTTP listener, decoded with Zipkin's v2 JSON decoder. */
class ZipkinExporterTest {

  private static HttpBodyReceiver zipkin;

  @BeforeAll
  static void startZipkin() throws Exception {
    zipkin = new HttpBodyReceiver();
  }

  @AfterAll
  static void stopZipkin() {
    zipkin.close();
  }

  @Test
  void postsZipkinV2JsonWithIdsParentsTagsAndErrors() {
    zipkin.respondWith(202);
    String endpoint = zipkin.url("/zipkin-ok/api/v2/spans");
    TracedScenario scenario;
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint",
        endpoint);
    try (sdk) {
      scenario = TracedScenario.run(sdk.tracer());
    }

    List<HttpBodyReceiver.Request> requests = requestsTo("/zipkin-ok/api/v2/spans");
    assertEquals(1, requests.size());
    assertEquals("application/json", requests.get(0).contentType());
    List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(requests.get(0).body());
    assertEquals(2, spans.size(), spans.toString());
    Span server = span(spans, scenario.serverSpanId);
    Span client = span(spans, scenario.clientSpanId);

    for (Span span : spans) {
      assertEquals(TracedScenario.TRACE_ID, span.traceId());
      assertEquals("exporter-test", span.localServiceName());
    }
    // Zipkin's model lower-cases span names
    assertEquals("get /orders/{id}", server.name());
    assertEquals(Span.Kind.SERVER, server.kind());
    assertEquals(TracedScenario.REMOTE_PARENT_ID, server.parentId());
    assertEquals(TracedScenario.SERVER_START_MICROS, server.timestampAsLong());
    assertEquals(TracedScenario.SERVER_DURATION_MICROS, server.durationAsLong());
    Map<String, String> serverTags = server.tags();
    assertEquals("GET", serverTags.get("http.request.method"));
    assertEquals("200", serverTags.get("http.response.status_code"));
    assertEquals("0.5", serverTags.get("sampling.ratio"));
    assertEquals("true", serverTags.get("cache.hit"));
    assertEquals("exporter-test", serverTags.get("otel.scope.name"));
    assertNull(serverTags.get("error"));

    assertEquals("select orders", client.name());
    assertEquals(Span.Kind.CLIENT, client.kind());
    assertEquals(scenario.serverSpanId, client.parentId());
    assertEquals(TracedScenario.CLIENT_START_MICROS, client.timestampAsLong());
    assertEquals(TracedScenario.CLIENT_DURATION_MICROS, client.durationAsLong());
    assertEquals("postgresql", client.tags().get("db.system.name"));
    assertEquals("ERROR", client.tags().get("otel.status_code"));
    assertEquals("connection reset", client.tags().get("error"));
    List<Annotation> annotations = client.annotations();
    assertEquals(1, annotations.size(), annotations.toString());
    assertTrue(annotations.get(0).value().startsWith("\"exception\":"), annotations.get(0).value());
    assertTrue(annotations.get(0).value().contains("java.lang.IllegalStateException"), annotations.get(0).value());
    assertEquals(List.of(), sdk.diagnosticLines());
    assertEquals("", sdk.configProblems());
  }

  @Test
  void aRefusedBatchIsToldWithTheAnswer() {
    zipkin.respondWith(503);
    String endpoint = zipkin.url("/zipkin-down/api/v2/spans");
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint",
        endpoint);
    try (sdk) {
      TracedScenario.run(sdk.tracer());
    }

    assertEquals(1, requestsTo("/zipkin-down/api/v2/spans").size());
    List<String> lines = sdk.diagnosticLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[tracer] lost 2 spans for " + endpoint + " because export failed: "
        + "java.io.IOException: Server returned HTTP response code: 503"), lines.get(0));
  }

  @Test
  void aZipkinThatIsNotThereIsToldWithTheConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + closedPort + "/api/v2/spans";
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint",
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
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "zipkin", "otel.exporter.zipkin.endpoint",
        "http://zipkin:9411/api/v2/spans?x=1");
    sdk.close();

    assertEquals(List.of("[tracer] invalid configuration otel.exporter.zipkin.endpoint=\"http://zipkin:9411/api/v2/"
        + "spans?x=1\" (accepted: an http:// or https:// URL without query or fragment); using "
        + "http://localhost:9411/api/v2/spans"), sdk.configProblems().lines().toList());
  }

  private static Span span(List<Span> spans, String id) {
    return spans.stream().filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + id + " in " + spans));
  }

  private static List<HttpBodyReceiver.Request> requestsTo(String path) {
    return zipkin.requests().stream().filter(r -> r.path().equals(path)).toList();
  }
}
