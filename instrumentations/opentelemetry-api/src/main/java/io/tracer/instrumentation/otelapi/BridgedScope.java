package io.tracer.instrumentation.otelapi;

import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.bridge.AgentContexts;

/** Closing it restores the agent's context that was current before. */
final class BridgedScope implements Scope {

  private final Object agentScope;

  BridgedScope(Object agentScope) {
    this.agentScope = agentScope;
  }

  @Override
  public void close() {
    AgentContexts.close(agentScope);
  }
}
