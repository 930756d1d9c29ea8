package io.tracer.instrumentation.api;

import java.util.List;

/**
 * One library family's instrumentation, found through {@link java.util.ServiceLoader}. Every class in the
 * descriptor's package (and below it) is a module class: advice and helpers are loaded next to each
 * application class loader that holds the library, so they compile against the library's API directly. The
 * descriptor itself only names things: it must not touch the library's types.
 */
public interface InstrumentationModule {

  /** The name in {@code otel.instrumentation.<name>.enabled}. */
  String name();

  default boolean enabledByDefault() {
    return true;
  }

  List<TypeInstrumentation> typeInstrumentations();

  /**
   * Whether the module's classes see the application's own {@code io.opentelemetry.*} classes (its copy of the
   * OpenTelemetry API) instead of the agent's. Only a module that implements the application's API interfaces
   * wants that; it then reaches the agent's SDK through {@code io.tracer.*} methods of JDK types only.
   */
  default boolean seesApplicationOpenTelemetryApi() {
    return false;
  }
}
