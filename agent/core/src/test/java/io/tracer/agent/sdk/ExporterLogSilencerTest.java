package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
