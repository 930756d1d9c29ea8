package io.tracer.instrumentation.otelapi;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.bridge.AgentContexts;

/**
 * The application's context storage, kept in the agent's: the application's current context is a view of the
 * agent's, and a context it attaches becomes the agent's current one, so each side's spans are the other's
 * parents. A storage the application configured itself (a {@code ContextStorageProvider}, wrappers) is bypassed.
 */
final class BridgedContextStorage implements ContextStorage {

  /** {@code null} when the application's API is the agent's own: nothing to bridge. */
  private static final BridgedContextStorage INSTANCE =
      AgentContexts.isAgentApi(Context.class.getClassLoader()) ? null : new BridgedContextStorage();

  private BridgedContextStorage() {}

  /** @return the storage, {@code null} to leave the application's own */
  static ContextStorage instance() {
    return INSTANCE;
  }

  @Override
  public Scope attach(Context toAttach) {
    if (toAttach == null) {
      return Scope.noop();
    }
    return new BridgedScope(AgentContexts.makeCurrent(ApplicationContexts.toAgent(toAttach)));
  }

  /** @return {@code null} outside any context, which the API reads as its root */
  @Override
  public Context current() {
    Object agentContext = AgentContexts.current();
    if (AgentContexts.isRoot(agentContext)) {
      return null;
    }
    return ApplicationContexts.fromAgent(agentContext);
  }
}
