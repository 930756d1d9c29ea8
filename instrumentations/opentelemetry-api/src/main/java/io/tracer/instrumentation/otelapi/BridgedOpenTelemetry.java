package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.tracer.instrumentation.api.bridge.AgentContexts;

/** The agent's tracing and propagation as the application's {@code OpenTelemetry}; metrics and logs stay no-op. */
final class BridgedOpenTelemetry implements OpenTelemetry {

  /** {@code null} when the application's API is the agent's own: nothing to bridge. */
  private static final BridgedOpenTelemetry INSTANCE =
      AgentContexts.isAgentApi(Context.class.getClassLoader()) ? null : new BridgedOpenTelemetry();

  private final ContextPropagators propagators = ContextPropagators.create(new BridgedPropagator());

  private BridgedOpenTelemetry() {}

  /**
   * @param global what the application's {@code GlobalOpenTelemetry} holds
   * @return the agent's, when that has no tracing (nothing registered, or no-op); {@code null} to keep it
   */
  static OpenTelemetry inPlaceOf(Object global) {
    if (INSTANCE != null && global instanceof OpenTelemetry
        && ((OpenTelemetry) global).getTracerProvider() == TracerProvider.noop()) {
      return INSTANCE;
    }
    return null;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return BridgedTracerProvider.INSTANCE;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }
}
