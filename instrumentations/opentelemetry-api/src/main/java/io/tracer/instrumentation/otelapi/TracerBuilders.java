package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;

/** {@code TracerProvider.tracerBuilder} of API 1.4+: the scope's name and version, the schema URL ignored. */
final class TracerBuilders implements TracerBuilder {

  private final BridgedTracerProvider provider;
  private final String scopeName;
  private String scopeVersion;

  private TracerBuilders(BridgedTracerProvider provider, String scopeName) {
    this.provider = provider;
    this.scopeName = scopeName;
  }

  static TracerBuilder create(BridgedTracerProvider provider, String scopeName) {
    return new TracerBuilders(provider, scopeName);
  }

  @Override
  public TracerBuilder setSchemaUrl(String schemaUrl) {
    return this;
  }

  @Override
  public TracerBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
    scopeVersion = instrumentationScopeVersion;
    return this;
  }

  @Override
  public Tracer build() {
    return provider.get(scopeName, scopeVersion);
  }
}
