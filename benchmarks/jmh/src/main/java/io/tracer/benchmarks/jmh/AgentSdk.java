package io.tracer.benchmarks.jmh;

import io.tracer.agent.sdk.TracerSdk;
import io.tracer.agent.sdk.TracerSdkFactory;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The SDK as premain builds it from configuration keys, installed where advice finds it, exporting OTLP/HTTP to a
 * collector that discards. Spans ended faster than the exporter sends them fill the batch queue and are dropped,
 * as in the agent under overload: the benchmark thread pays for the span and its hand-over, never for the export,
 * whose cost the load benchmark measures end to end.
 */
final class AgentSdk implements AutoCloseable {

  private final DiscardingCollector collector;
  private final TracerSdk sdk;

  private AgentSdk(DiscardingCollector collector, TracerSdk sdk) {
    this.collector = collector;
    this.sdk = sdk;
  }

  static AgentSdk install(String... keysAndValues) {
    DiscardingCollector collector = DiscardingCollector.start();
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.traces.exporter", "otlp");
    properties.put("otel.exporter.otlp.protocol", "http/protobuf");
    properties.put("otel.exporter.otlp.endpoint", collector.endpoint());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(properties, new ConfigProblems(System.err));
    TracerSdk sdk = TracerSdkFactory.create(config);
    AgentServices.initialize(config, sdk.openTelemetry());
    return new AgentSdk(collector, sdk);
  }

  @Override
  public void close() {
    sdk.shutdown();
    collector.close();
  }
}
