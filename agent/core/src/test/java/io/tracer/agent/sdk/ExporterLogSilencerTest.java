package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.common.Clock;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ExporterLogSilencerTest {

  /** Stands for whatever the application logs through: a console handler, a bridge to Logback. */
  private static final class RecordingHandler extends Handler {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void exportFailuresReachOnlyOurOwnLineWhileTheApplicationsLoggersStillWork() throws Exception {
    assertOnlyOurOwnLine("otlp", "otel.exporter.otlp.endpoint");
  }

  @Test
  void zipkinExportFailuresReachOnlyOurOwnLine() throws Exception {
    assertOnlyOurOwnLine("zipkin", "otel.exporter.zipkin.endpoint");
  }

  @Test
  void malformedBaggageFromCallersWritesNoLogLines() {
    RecordingHandler applicationHandler = new RecordingHandler();
    Logger root = Logger.getLogger("");
    root.addHandler(applicationHandler);
    try {
      TracerConfig config = TracerConfig.of(Map.of("otel.traces.exporter", "none"), new ConfigProblems(System.err));
      TracerSdk sdk = TracerSdkFactory.create(config, System.err, Clock.getDefault());
      Map<String, String> headers = Map.of("baggage", "valid=1,undecodable=%zz,meta=3;\u0001");
      Baggage extracted = Baggage.fromContext(sdk.openTelemetry().getPropagators().getTextMapPropagator()
          .extract(Context.root(), headers, new MapGetter()));
      sdk.shutdown();

      assertEquals("1", extracted.getEntryValue("valid"));
      assertEquals(List.of(), applicationHandler.records.stream().map(LogRecord::getMessage).toList());
    } finally {
      root.removeHandler(applicationHandler);
    }
  }

  private static final class MapGetter implements TextMapGetter<Map<String, String>> {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier.get(key);
    }
  }

  private static void assertOnlyOurOwnLine(String exporter, String endpointKey) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    RecordingHandler applicationHandler = new RecordingHandler();
    Logger root = Logger.getLogger("");
    root.addHandler(applicationHandler);
    try {
      TracerConfig config = TracerConfig.of(Map.of("otel.traces.exporter", exporter,
          endpointKey, "http://127.0.0.1:" + closedPort,
          "otel.java.exporter.otlp.retry.disabled", "true"), new ConfigProblems(System.err));
      TracerSdk sdk = TracerSdkFactory.create(config, new PrintStream(diagnostics, true), Clock.getDefault());
      sdk.openTelemetry().getTracer("test").spanBuilder("lost").startSpan().end();
      sdk.shutdown();
      Logger.getLogger("com.example.orders").warning("the application's own line");

      assertEquals(List.of("the application's own line"),
          applicationHandler.records.stream().map(LogRecord::getMessage).toList());
      assertTrue(diagnostics.toString().startsWith("[tracer] lost 1 span for http://127.0.0.1:" + closedPort),
          diagnostics.toString());
    } finally {
      root.removeHandler(applicationHandler);
    }
  }
}
