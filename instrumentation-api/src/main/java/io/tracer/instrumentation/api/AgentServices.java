package io.tracer.instrumentation.api;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.tracer.instrumentation.api.config.TracerConfig;

/** What advice and helpers reach at run time: set once by the installer before any class is instrumented. */
public final class AgentServices {

  private static final String INSTRUMENTATION_SCOPE_PREFIX = "io.tracer.";

  private static volatile TracerConfig config;
  private static volatile OpenTelemetry openTelemetry = OpenTelemetry.noop();
  /** {@code null} while metrics are off ({@code otel.metrics.exporter=none}): helpers then measure nothing. */
  private static volatile MeterProvider meterProvider;

  private AgentServices() {}

  public static void initialize(TracerConfig tracerConfig, OpenTelemetry sdk) {
    initialize(tracerConfig, sdk, null);
  }

  /** @param metrics the agent's meter provider, {@code null} when metrics are off */
  public static void initialize(TracerConfig tracerConfig, OpenTelemetry sdk, MeterProvider metrics) {
    config = tracerConfig;
    openTelemetry = sdk;
    meterProvider = metrics;
  }

  public static TracerConfig config() {
    return config;
  }

  public static Tracer tracer(String moduleName) {
    return openTelemetry.getTracer(INSTRUMENTATION_SCOPE_PREFIX + moduleName);
  }

  /** A tracer under the application's own instrumentation scope, for the spans its own API calls start. */
  public static Tracer applicationTracer(String scopeName, String scopeVersion) {
    return scopeVersion == null
        ? openTelemetry.getTracerProvider().get(scopeName)
        : openTelemetry.getTracerProvider().get(scopeName, scopeVersion);
  }

  /** The module's meter, or {@code null} when metrics are off, so that callers skip even measuring. */
  public static Meter meter(String moduleName) {
    MeterProvider metrics = meterProvider;
    return metrics == null ? null : metrics.get(INSTRUMENTATION_SCOPE_PREFIX + moduleName);
  }

  public static TextMapPropagator propagator() {
    return openTelemetry.getPropagators().getTextMapPropagator();
  }
}
