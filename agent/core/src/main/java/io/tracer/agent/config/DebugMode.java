package io.tracer.agent.config;

import io.tracer.instrumentation.api.config.TracerConfig;

/**
 * {@code otel.javaagent.debug}: the OpenTelemetry Java agent's name for its debug mode, so that one setting serves
 * whichever agent runs.
 */
public final class DebugMode {

  public static final String KEY = "otel.javaagent.debug";

  private DebugMode() {}

  public static boolean isOn(TracerConfig config) {
    return config.getBoolean(KEY, false);
  }
}
