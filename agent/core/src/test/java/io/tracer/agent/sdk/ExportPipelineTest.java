package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole export path, SDK to a real HTTP listener: spans delivered, and every loss counted and told briefly. */
class ExportPipelineTest {

  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private final ByteArrayOutputStream configProblems = new ByteArrayOutputStream();
  private TracerSdk sdk;

  @AfterEach
  void shutdown() {
    if (sdk != null) {
      sdk.shutdown();
    }
  }

  private TracerSdk start(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.java.exporter.otlp.retry.disabled", "true");
    // batches leave when the test flushes, not on a timer
    settings.put("otel.bsp.schedule.delay", "1h");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(settings, new ConfigProblems(new PrintStream(configProblems, true)));
    sdk = TracerSdkFactory.create(config, new PrintStream(diagnostics, true), Clock.getDefault());
    return sdk;
  }

  private Tracer tracer() {
    return sdk.openTelemetry().getTracer("test");
  }

  private void endSpans(int spans) {
    for (int i = 0; i < spans; i++) {
      tracer().spanBuilder("span " + i).startSpan().end();
    }
  }

  private void flush() {
    ((SdkTracerProvider) sdk.openTelemetry().getTracerProvider()).forceFlush().join(15, TimeUnit.SECONDS);
  }

  /**
   * Flushes until the collector has seen {@code expected} requests. One flush is not enough: right after a flush
   * completes, BatchSpanProcessor can hand the next caller that same, already completed result.
   */
  private static void flushUntil(OtlpHttpReceiver collector, int expected, Runnable flush) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (collector.requests().size() < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the collector saw " + collector.requests().size() + " requests, not " + expected);
      }
      flush.run();
      Thread.sleep(5);
    }
  }

  private void awaitLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (lines().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private List<String> lines() {
    return diagnostics.toString().lines().toList();
  }

  @Test
  void deliversToTheGenericEndpointWithTracesPathAndHeaders() throws Exception {
    try (OtlpHttpReceiver collector = new OtlpHttpReceiver()) {
      start("OTEL_EXPORTER_OTLP_ENDPOINT", collector.baseUrl(), "OTEL_EXPORTER_OTLP_HEADERS", "api-key=secret");

      endSpans(3);
      sdk.shutdown();

      assertEquals(List.of(new OtlpHttpReceiver.Request("/v1/traces", "secret", "application/x-protobuf")),
          collector.requests());
      assertEquals(List.of(), lines());
      assertEquals("", configProblems.toString());
    }
  }

  @Test
  void failedExportsAreToldOnceThenRecoveryIsTold() throws Exception {
    try (OtlpHttpReceiver collector = new OtlpHttpReceiver()) {
      start("otel.exporter.otlp.traces.endpoint", collector.baseUrl() + "/otlp/spans");
      String endpoint = collector.baseUrl() + "/otlp/spans";
      endSpans(1);
      flushUntil(collector, 1, this::flush);

      collector.respondWith(503);
      endSpans(2);
      flushUntil(collector, 2, this::flush);
      endSpans(3);
      flushUntil(collector, 3, this::flush);
      endSpans(1);
      flushUntil(collector, 4, this::flush);
      collector.respondWith(200);
      endSpans(1);
      // the worker sends a request only once the previous one is answered and told: four failures are all in
      flushUntil(collector, 5, this::flush);
      assertEquals("[tracer] lost 2 spans for " + endpoint + " because export failed: HTTP 503 Service Unavailable; "
          + "further losses are summarized at most once a minute", lines().get(0));

      awaitLines(2);
      endSpans(1);
      flushUntil(collector, 6, this::flush);
      sdk.shutdown();

      assertEquals(2, lines().size(), lines().toString());
      assertTrue(lines().get(1).startsWith("[tracer] export to " + endpoint + " works again; 6 spans lost since "),
          lines().get(1));
      assertEquals(6, collector.requests().size());
      assertEquals("/otlp/spans", collector.requests().get(0).path());
    }
  }

  @Test
  void aCollectorThatIsNotThereIsToldWithTheConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // exports on the processor's timer: a shutdown right after a forceFlush may be handed that flush's result
    start("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort, "otel.bsp.schedule.delay", "10ms");
    String endpoint = "http://127.0.0.1:" + closedPort + "/v1/traces";

    endSpans(1);
    awaitLines(1);
    endSpans(3);
    sdk.shutdown();

    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(0).startsWith("[tracer] lost 1 span for " + endpoint + " because export failed: "
        + "java.net.ConnectException"), lines().get(0));
    // losses not yet summarized are told at shutdown rather than lost silently
    assertTrue(lines().get(1).startsWith("[tracer] 3 more spans lost for " + endpoint + " since "), lines().get(1));
  }

  @Test
  void grpcExportFailuresAreToldTheSameWay() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    start("otel.exporter.otlp.protocol", "grpc", "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort);

    endSpans(2);
    flush();

    assertEquals(1, lines().size(), lines().toString());
    assertTrue(lines().get(0).startsWith("[tracer] lost 2 spans for http://127.0.0.1:" + closedPort + " because export "
        + "failed: java.net.ConnectException"), lines().get(0));
  }

  @Test
  void aCollectorThatDoesNotAnswerInTimeIsToldAsATimeout() throws Exception {
    try (OtlpHttpReceiver collector = new OtlpHttpReceiver()) {
      collector.hold();
      start("otel.exporter.otlp.endpoint", collector.baseUrl(), "otel.exporter.otlp.timeout", "300ms");

      endSpans(2);
      flush();

      assertEquals(1, lines().size(), lines().toString());
      assertTrue(lines().get(0).contains("lost 2 spans for " + collector.baseUrl() + "/v1/traces because export "
          + "failed: java.io.InterruptedIOException: timeout"), lines().get(0));
    }
  }

  @Test
  void spansDroppedFromAFullQueueAreCountedAndTold() throws Exception {
    try (OtlpHttpReceiver collector = new OtlpHttpReceiver()) {
      collector.hold();
      start("otel.exporter.otlp.endpoint", collector.baseUrl(),
          "otel.bsp.max.queue.size", "2", "otel.bsp.max.export.batch.size", "1",
          "otel.bsp.schedule.delay", "1ms");
      tracer().spanBuilder("first").startSpan().end();
      collector.awaitFirstRequest();

      // the worker is stuck on the first export: two more fit in the queue, the rest is dropped
      int ended = 1;
      for (; ended < 21; ended++) {
        tracer().spanBuilder("span " + ended).startSpan().end();
      }
      collector.release();
      tracer().spanBuilder("after").startSpan().end();
      ended++;
      sdk.shutdown();

      int delivered = collector.requests().size();
      int dropped = ended - delivered;
      assertTrue(dropped >= 15, "dropped " + dropped);
      assertEquals(2, lines().size(), lines().toString());
      assertEquals("[tracer] lost " + dropped + " spans for " + collector.baseUrl() + "/v1/traces because the export "
          + "queue was full (otel.bsp.max.queue.size=2); spans end faster than they can be sent; further losses are "
          + "summarized at most once a minute", lines().get(0));
      assertTrue(lines().get(1).startsWith("[tracer] export to " + collector.baseUrl() + "/v1/traces works again; "
          + dropped + " spans lost since "), lines().get(1));
    }
  }

  @Test
  void shutdownWaitsNoLongerThanItsTimeoutForADeadCollector() throws Exception {
    try (OtlpHttpReceiver collector = new OtlpHttpReceiver()) {
      collector.hold();
      start("otel.exporter.otlp.endpoint", collector.baseUrl(), "otel.tracer.shutdown.timeout", "300ms");
      tracer().spanBuilder("last words").startSpan().end();

      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> sdk.shutdown());

      assertEquals(List.of("[tracer] spans still queued after 300 ms (otel.tracer.shutdown.timeout) were not "
          + "exported"), lines());
    }
  }
}
