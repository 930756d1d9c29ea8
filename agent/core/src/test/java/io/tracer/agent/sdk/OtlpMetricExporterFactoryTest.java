package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metric exporter reads the span exporter's OTLP settings, with {@code otel.exporter.otlp.metrics.*} first. */
class OtlpMetricExporterFactoryTest {

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  private String built(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    MetricExporter exporter = OtlpMetricExporterFactory.create(
        TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true))));
    exporter.shutdown();
    return exporter.toString();
  }

  @Test
  void aGenericHttpEndpointGetsTheMetricsPath() {
    String exporter = built("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "otel.exporter.otlp.timeout", "3s");
    assertTrue(exporter.startsWith("OtlpHttpMetricExporter{"), exporter);
    assertTrue(exporter.contains("endpoint=http://collector:4318/v1/metrics"), exporter);
    assertTrue(exporter.contains("timeoutNanos=3000000000"), exporter);
  }

  @Test
  void theMetricsSpecificProtocolAndEndpointWinAndAreUsedAsWritten() {
    String exporter = built("otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.exporter.otlp.metrics.protocol", "grpc",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://metrics-gateway:4317");
    assertTrue(exporter.startsWith("OtlpGrpcMetricExporter{"), exporter);
    assertTrue(exporter.contains("endpoint=http://metrics-gateway:4317"), exporter);
  }

  @Test
  void theTracesSpecificKeysAreNotTheMetricsOnes() {
    String exporter = built("otel.exporter.otlp.traces.protocol", "grpc",
        "otel.exporter.otlp.traces.endpoint", "http://tempo:4317");
    assertTrue(exporter.startsWith("OtlpHttpMetricExporter{"), exporter);
    assertTrue(exporter.contains("endpoint=http://localhost:4318/v1/metrics"), exporter);
    assertEquals("", problems.toString());
  }
}
