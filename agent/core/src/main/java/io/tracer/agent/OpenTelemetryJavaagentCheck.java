package io.tracer.agent;

import io.tracer.bootstrap.AgentClassLoader;
import io.tracer.instrumentation.api.AgentLog;
import java.util.Map;
import java.util.Properties;

/**
 * The OpenTelemetry Java agent, attached before tracer.jar, transforms the classes tracer.jar loads afterwards,
 * its own copy of the OpenTelemetry API among them, which it then bridges to its own SDK: tracer.jar's spans are
 * lost. Its {@code otel.javaagent.exclude-class-loaders} setting naming our loader prevents that; without it,
 * one line says so.
 */
final class OpenTelemetryJavaagentCheck {

  private static final String EXCLUDE_KEY = "otel.javaagent.exclude-class-loaders";
  private static final String EXCLUDE_VARIABLE = "OTEL_JAVAAGENT_EXCLUDE_CLASS_LOADERS";
  private static final String AGENT_MARKER = "io/opentelemetry/javaagent/bootstrap/AgentInitializer.class";

  private OpenTelemetryJavaagentCheck() {}

  static void warnIfAttachedBefore(Map<String, String> environment, Properties systemProperties) {
    if (ClassLoader.getSystemResource(AGENT_MARKER) == null) {
      return;
    }
    String excluded = systemProperties.getProperty(EXCLUDE_KEY, environment.get(EXCLUDE_VARIABLE));
    String ourLoader = AgentClassLoader.class.getName();
    if (excluded == null || !excluded.contains(ourLoader)) {
      AgentLog.info("the OpenTelemetry Java agent is attached before tracer.jar and would swallow its spans: set "
          + EXCLUDE_VARIABLE + "=" + ourLoader + " (or -D" + EXCLUDE_KEY + "=" + ourLoader
          + "), or attach tracer.jar first; better, run only one of the two");
    }
  }
}
