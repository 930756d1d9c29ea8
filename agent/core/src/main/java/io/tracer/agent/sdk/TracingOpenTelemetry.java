package io.tracer.agent.sdk;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * The agent's {@link OpenTelemetry}: traces and propagation only, metrics and logs stay no-op. Lighter than
 * {@code OpenTelemetrySdk}, whose builder would also create (and load the classes of) a metrics and a logs SDK
 * in premain.
 */
final class TracingOpenTelemetry implements OpenTelemetry {

  private final TracerProvider tracerProvider;
  private final ContextPropagators propagators;

  TracingOpenTelemetry(TracerProvider tracerProvider, ContextPropagators propagators) {
    this.tracerProvider = tracerProvider;
    this.propagators = propagators;
  }

  @Override
  public TracerProvider getTracerProvider() {
    return tracerProvider;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }
}
