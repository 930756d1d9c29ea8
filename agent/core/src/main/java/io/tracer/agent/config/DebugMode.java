package io.tracer.agent.config;

import io.tracer.instrumentation.api.config.TracerConfig;

/**
 * {@code otel.javaagent.debug}: the OpenTelemetry Java agent's name for its debug mode, so that one setting serves
 * whichever agent runs. {@code otel.tracer.debug}, this agent's earlier name for it, is still read when the standard
 * one is not set, so that existing deployments keep their debug lines.
 */
public final class DebugMode {

  public static final String KEY = "otel.javaagent.debug";
  static final String EARLIER_KEY = "otel.tracer.debug";

  private DebugMode() {}

  public static boolean isOn(TracerConfig config) {
    return config.getBoolean(KEY, config.getBoolean(EARLIER_KEY, false));
  }
}
