package io.tracer.bootstrap;

import java.util.Map;

/**
 * Reads {@code otel.enabled} before anything is loaded, from the same sources and with the same precedence as
 * the full configuration (system property, environment variable, agent argument), so that a disabled agent
 * costs nothing but this class. The configuration file is consulted later, by the agent itself.
 */
final class EnabledSwitch {

  private EnabledSwitch() {}

  static boolean disabled(String agentArgs) {
    String value = System.getProperty("otel.enabled");
    if (value == null) {
      value = System.getenv("OTEL_ENABLED");
    }
    if (value == null) {
      Map<String, String> arguments = AgentArguments.parse(agentArgs);
      value = arguments.get("otel.enabled");
    }
    return value != null && value.trim().equalsIgnoreCase("false");
  }
}
