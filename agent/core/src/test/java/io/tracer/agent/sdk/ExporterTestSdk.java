package io.tracer.agent.sdk;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.Clock;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The agent's SDK as premain builds it, from settings given as key/value pairs, with its stderr lines captured. */
final class ExporterTestSdk implements AutoCloseable {

  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private final ByteArrayOutputStream configProblems = new ByteArrayOutputStream();
  private final TracerSdk sdk;

  ExporterTestSdk(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.service.name", "exporter-test");
    // batches leave when the test shuts the SDK down, not on a timer
    settings.put("otel.bsp.schedule.delay", "1h");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(settings, new ConfigProblems(new PrintStream(configProblems, true)));
    sdk = TracerSdkFactory.create(config, new PrintStream(diagnostics, true), Clock.getDefault());
  }

  Tracer tracer() {
    return sdk.openTelemetry().getTracer("exporter-test", "1.2.3");
  }

  /** Exports everything still queued and stops. */
  @Override
  public void close() {
    sdk.shutdown();
  }

  List<String> diagnosticLines() {
    return diagnostics.toString().lines().toList();
  }

  String configProblems() {
    return configProblems.toString();
  }
}
