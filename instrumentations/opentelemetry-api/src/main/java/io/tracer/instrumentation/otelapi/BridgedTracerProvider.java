package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;
import io.tracer.instrumentation.api.bridge.AgentSpans;

/** The agent's tracers, for the application's API. */
final class BridgedTracerProvider implements TracerProvider {

  static final BridgedTracerProvider INSTANCE = new BridgedTracerProvider();

  private BridgedTracerProvider() {}

  @Override
  public Tracer get(String instrumentationScopeName) {
    return get(instrumentationScopeName, null);
  }

  @Override
  public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
    return new BridgedTracer(AgentSpans.tracer(
        instrumentationScopeName == null ? "" : instrumentationScopeName, instrumentationScopeVersion));
  }

  /**
   * API 1.4+, whose default would give a no-op tracer. {@code TracerBuilder} exists only there: it is named by
   * {@link TracerBuilders} alone, loaded only when this is called.
   */
  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return TracerBuilders.create(this, instrumentationScopeName);
  }
}
