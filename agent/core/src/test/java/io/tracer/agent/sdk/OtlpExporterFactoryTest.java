package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtlpExporterFactoryTest {

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  private TracerConfig config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true)));
  }

  private RemoteExporter exporter(String... keyValues) {
    return OtlpExporterFactory.create(config(keyValues));
  }

  /** What the first export builds. */
  private static String builtExporter(RemoteExporter remote) {
    SpanExporter built = ((DeferredSpanExporter) remote.exporter()).exporter();
    built.shutdown();
    return built.toString();
  }

  private List<String> problemLines() {
    return problems.toString().lines().toList();
  }

  @Test
  void defaultsToHttpProtobufOnLocalhost() {
    RemoteExporter remote = exporter();

    assertEquals("http://localhost:4318/v1/traces", remote.endpoint());
    assertTrue(builtExporter(remote).startsWith("OtlpHttpSpanExporter{"), builtExporter(remote));
    assertEquals(List.of(), problemLines());
  }

  @Test
  void grpcDefaultsToPort4317WithoutPath() {
    RemoteExporter remote = exporter("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");

    assertEquals("http://localhost:4317", remote.endpoint());
    assertTrue(builtExporter(remote).startsWith("OtlpGrpcSpanExporter{"), builtExporter(remote));
  }

  @Test
  void tracesProtocolWinsOverTheGenericOne() {
    RemoteExporter remote = exporter("otel.exporter.otlp.protocol", "grpc",
        "otel.exporter.otlp.traces.protocol", "http/protobuf");

    assertTrue(builtExporter(remote).startsWith("OtlpHttpSpanExporter{"));
  }

  @Test
  void genericHttpEndpointGetsTheTracesPath() {
    assertEquals("http://collector:4318/v1/traces",
        exporter("otel.exporter.otlp.endpoint", "http://collector:4318").endpoint());
    assertEquals("https://gateway.example.com/otlp/v1/traces",
        exporter("otel.exporter.otlp.endpoint", "https://gateway.example.com/otlp/").endpoint());
  }

  @Test
  void genericGrpcEndpointIsUsedAsWritten() {
    assertEquals("http://collector:4317", exporter("otel.exporter.otlp.protocol", "grpc",
        "otel.exporter.otlp.endpoint", "http://collector:4317").endpoint());
  }

  @Test
  void tracesEndpointIsUsedAsWrittenAndWins() {
    assertEquals("http://tempo:4318/custom", exporter("otel.exporter.otlp.endpoint", "http://collector:4318",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/custom").endpoint());
  }

  @Test
  void malformedEndpointIsReportedAndTheNextChoiceUsed() {
    String endpoint = exporter("otel.exporter.otlp.endpoint", "collector:4318").endpoint();

    assertEquals("http://localhost:4318/v1/traces", endpoint);
    assertEquals(List.of("[tracer] invalid configuration otel.exporter.otlp.endpoint=\"collector:4318\" (accepted: an "
        + "http:// or https:// URL without query or fragment); using http://localhost:4318/v1/traces"), problemLines());
  }

  @Test
  void endpointTheExporterCouldNotParseIsRejectedBeforeIt() {
    String endpoint = exporter("otel.exporter.otlp.traces.endpoint", "http://my collector:4318/v1/traces").endpoint();

    assertEquals("http://localhost:4318/v1/traces", endpoint);
    assertEquals(1, problemLines().size(), problemLines().toString());
  }

  @Test
  void malformedTracesEndpointFallsBackToTheGenericOne() {
    assertEquals("http://collector:4318/v1/traces", exporter("otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.exporter.otlp.traces.endpoint", "ftp://collector/traces").endpoint());
    assertEquals(List.of("[tracer] invalid configuration otel.exporter.otlp.traces.endpoint=\"ftp://collector/traces\" "
        + "(accepted: an http:// or https:// URL without query or fragment); using http://collector:4318/v1/traces"),
        problemLines());
  }

  @Test
  void badProtocolCompressionAndTimeoutAreReportedEachOnce() {
    RemoteExporter remote = exporter("otel.exporter.otlp.protocol", "http/json",
        "otel.exporter.otlp.compression", "brotli", "otel.exporter.otlp.timeout", "soon");

    assertEquals("http://localhost:4318/v1/traces", remote.endpoint());
    assertEquals(3, problemLines().size(), problemLines().toString());
    assertTrue(problemLines().get(0).startsWith("[tracer] invalid configuration "
        + "otel.exporter.otlp.protocol=\"http/json\" (accepted: one of http/protobuf, grpc); using http/protobuf"),
        problemLines().get(0));
    assertTrue(problems.toString().contains("otel.exporter.otlp.compression=\"brotli\" (accepted: one of gzip, none)"));
    assertTrue(problems.toString().contains("otel.exporter.otlp.timeout=\"soon\""));
  }

  @Test
  void missingCertificateFileIsReportedAndExportStaysPossible() {
    RemoteExporter remote = exporter("otel.exporter.otlp.certificate", "/nonexistent/ca.pem");

    assertEquals("http://localhost:4318/v1/traces", remote.endpoint());
    assertEquals(List.of("[tracer] invalid configuration otel.exporter.otlp.certificate=\"/nonexistent/ca.pem\" "
        + "(accepted: the path of a readable PEM file); using none"), problemLines());
  }

  @Test
  void clientKeyWithoutCertificateIsReported() throws Exception {
    exporter("otel.exporter.otlp.client.key", "/etc/tracer/client.key");

    assertEquals(List.of("[tracer] invalid configuration otel.exporter.otlp.client.key=\"/etc/tracer/client.key\" "
        + "(accepted: a client key and a client certificate together; otel.exporter.otlp.client.certificate is not "
        + "set); using no client certificate"), problemLines());
  }

  @Test
  void certificateTheTlsLayerRejectsFallsBackToDefaultSettings(@TempDir Path folder) throws Exception {
    Path notAPem = Files.writeString(folder.resolve("ca.pem"), "this is not a certificate");

    RemoteExporter remote = exporter("otel.exporter.otlp.traces.certificate", notAPem.toString(),
        "otel.exporter.otlp.endpoint", "https://collector:4318");
    assertEquals(List.of(), problemLines());

    String built = builtExporter(remote);

    assertTrue(built.startsWith("OtlpHttpSpanExporter{endpoint=https://collector:4318/v1/traces"), built);
    assertEquals(1, problemLines().size(), problemLines().toString());
    assertTrue(problemLines().get(0).startsWith("[tracer] the OTLP exporter rejected its settings ("),
        problemLines().get(0));
    assertTrue(problemLines().get(0).endsWith("); exporting to https://collector:4318/v1/traces with default "
        + "settings"), problemLines().get(0));
  }
}
