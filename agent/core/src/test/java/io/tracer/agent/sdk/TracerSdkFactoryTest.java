package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracerSdkFactoryTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
  private TracerSdk sdk;

  @AfterEach
  void shutdown() {
    if (sdk != null) {
      sdk.shutdown();
    }
  }

  private Tracer start(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(settings, new ConfigProblems(new PrintStream(problems, true)));
    sdk = TracerSdkFactory.create(config, new PrintStream(stderr, true, StandardCharsets.UTF_8), Clock.getDefault());
    return sdk.openTelemetry().getTracer("test");
  }

  private void flush() {
    ((SdkTracerProvider) sdk.openTelemetry().getTracerProvider()).forceFlush().join(10, TimeUnit.SECONDS);
  }

  private static String attribute(Span span, String key) {
    return ((ReadableSpan) span).getAttribute(AttributeKey.stringKey(key));
  }

  @Test
  void attributeValuesAreCutAt1024CharactersByDefault() {
    // with no exporter at all the SDK hands out non-recording spans: the console one keeps them real
    Span span = start("otel.traces.exporter", "console").spanBuilder("query")
        .setAttribute("db.query.text", "x".repeat(5000)).startSpan();

    assertEquals(1024, attribute(span, "db.query.text").length());
    span.end();
  }

  @Test
  void spanSpecificLimitsWinOverGeneralOnes() {
    Tracer tracer = start("otel.traces.exporter", "console", "otel.attribute.value.length.limit", "10",
        "otel.span.attribute.value.length.limit", "20", "otel.attribute.count.limit", "2");
    Span span = tracer.spanBuilder("query").setAttribute("a", "x".repeat(50)).setAttribute("b", "y")
        .setAttribute("c", "z").startSpan();

    assertEquals(20, attribute(span, "a").length());
    assertEquals(2, ((ReadableSpan) span).toSpanData().getAttributes().size());
    span.end();
  }

  @Test
  void consoleExporterPrintsTheTreeOnItsStream() {
    Tracer tracer = start("otel.traces.exporter", "console", "otel.service.name", "orders-service");
    Span root = tracer.spanBuilder("GET /orders").startSpan();
    tracer.spanBuilder("SELECT").setParent(io.opentelemetry.context.Context.root().with(root)).startSpan().end();
    root.end();

    flush();

    String printed = stderr.toString(StandardCharsets.UTF_8);
    assertTrue(printed.startsWith("[orders-service] trace " + root.getSpanContext().getTraceId() + "\n"
        + "  GET /orders  INTERNAL  "), printed);
    assertTrue(printed.contains("\n  └─ SELECT  INTERNAL  "), printed);
  }

  @Test
  void unknownExportersAreReportedAndSkipped() {
    Tracer tracer = start("otel.traces.exporter", "kafka,console", "otel.service.name", "svc");
    tracer.spanBuilder("work").startSpan().end();

    flush();

    assertEquals(List.of("[tracer] invalid configuration otel.traces.exporter=\"kafka,console\" (accepted: a comma "
        + "list of otlp, jaeger, jaeger_agent, zipkin, console, none); using console (skipped kafka)"),
        problems.toString().lines().toList());
    assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("[svc] trace "));
  }

  @Test
  void batchSizeAboveTheQueueSizeIsReportedAndCapped() {
    start("otel.traces.exporter", "none", "otel.bsp.max.queue.size", "100", "otel.bsp.max.export.batch.size", "500");

    assertEquals(List.of("[tracer] invalid configuration otel.bsp.max.export.batch.size=\"500\" (accepted: at most "
        + "otel.bsp.max.queue.size (100)); using 100"), problems.toString().lines().toList());
  }

  @Test
  void theApplicationSeesTheConfiguredPropagators() {
    start("otel.traces.exporter", "none", "otel.propagators", "b3multi");

    assertEquals(List.of("X-B3-TraceId", "X-B3-SpanId", "X-B3-Sampled"),
        List.copyOf(sdk.openTelemetry().getPropagators().getTextMapPropagator().fields()));
  }

  @Test
  void shutdownTwiceIsHarmless() {
    start("otel.traces.exporter", "none");

    sdk.shutdown();
    sdk.shutdown();

    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
  }
  @Test
  void debugModeWatchesForSpansNeverEnded() {
    Span open = start("otel.traces.exporter", "console", "otel.javaagent.debug", "true").spanBuilder("open").startSpan();

    sdk.shutdown();

    assertTrue(stderr.toString(StandardCharsets.UTF_8).startsWith("[tracer] span still open at shutdown: \"open\" "),
        stderr.toString(StandardCharsets.UTF_8));
    assertTrue(open.isRecording());
  }

  @Test
  void withoutDebugModeNoSpanIsWatched() {
    Span open = start("otel.traces.exporter", "console").spanBuilder("open").startSpan();

    sdk.shutdown();

    assertTrue(open.isRecording(), "recorded, and so watched if debug mode were on");
    assertEquals("", stderr.toString(StandardCharsets.UTF_8));
  }
}
