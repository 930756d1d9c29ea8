package io.tracer.benchmarks.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration under test: which agent the service JVM starts with and what its environment says. Both
 * agents sample everything and export OTLP/HTTP protobuf to the runner's receiver; metrics and logs are off for
 * both, so that only tracing is compared.
 */
record AgentSetup(String name, String description, Path agentJar, Map<String, String> environment) {

  static final String NONE = "none";
  static final List<String> NAMES = List.of(NONE, "tracer", "otel", "tracer-1pct", "tracer-disabled");

  /** {@code tracer-collector-<fault>}: tracer.jar at 100% exporting to one of the {@link FaultyCollectors}. */
  static final String FAULT_PREFIX = "tracer-collector-";

  static AgentSetup named(String name, Settings settings, String otlpEndpoint, FaultyCollectors faults) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_SERVICE_NAME", "bench-service");
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", otlpEndpoint);
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_TRACES_EXPORTER", "otlp");
    env.put("OTEL_METRICS_EXPORTER", "none");
    env.put("OTEL_LOGS_EXPORTER", "none");
    env.put("OTEL_TRACES_SAMPLER", "parentbased_always_on");
    env.putAll(settings.agentEnvironment());
    switch (name) {
      case NONE:
        return new AgentSetup(name, "no agent", null, Map.of());
      case "tracer":
        return new AgentSetup(name, "tracer.jar, 100% sampled", settings.tracerJar(), env);
      case "otel":
        return new AgentSetup(name, "OpenTelemetry Java agent, 100% sampled", settings.otelJar(), env);
      case "tracer-1pct":
        env.put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
        env.put("OTEL_TRACES_SAMPLER_ARG", "0.01");
        return new AgentSetup(name, "tracer.jar, 1% sampled", settings.tracerJar(), env);
      case "tracer-disabled":
        env.put("OTEL_ENABLED", "false");
        return new AgentSetup(name, "tracer.jar with OTEL_ENABLED=false", settings.tracerJar(), env);
      default:
        String fault = name.startsWith(FAULT_PREFIX) ? name.substring(FAULT_PREFIX.length()) : "";
        if (FaultyCollectors.FAULTS.contains(fault)) {
          env.put("OTEL_EXPORTER_OTLP_ENDPOINT", faults.endpoint(fault));
          return new AgentSetup(name, "tracer.jar, 100% sampled, " + FaultyCollectors.descriptions().get(fault),
              settings.tracerJar(), env);
        }
        throw new IllegalArgumentException("unknown configuration " + name + "; known: " + NAMES + " and "
            + FAULT_PREFIX + FaultyCollectors.FAULTS);
    }
  }
}
