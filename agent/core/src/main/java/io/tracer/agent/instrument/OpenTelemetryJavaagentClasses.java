package io.tracer.agent.instrument;

import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * The OpenTelemetry Java agent's own classes, when it runs in the same JVM: its bootstrap and shaded classes, and
 * everything its class loaders define (the OkHttp its exporter sends with, say). Traced, its every export would
 * become a span of the application's service.
 */
final class OpenTelemetryJavaagentClasses implements AgentBuilder.RawMatcher {

  private static final String AGENT_PACKAGE = "io.opentelemetry.javaagent.";

  @Override
  public boolean matches(TypeDescription type, ClassLoader loader, JavaModule module, Class<?> beingRedefined,
      ProtectionDomain protectionDomain) {
    return type.getName().startsWith(AGENT_PACKAGE)
        || (loader != null && loader.getClass().getName().startsWith(AGENT_PACKAGE));
  }
}
