package io.tracer.agent.sdk;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.function.Supplier;

/** {@code otel.traces.exporter=zipkin}: Zipkin v2 JSON over HTTP; settings checked at start, exporter built on first use. */
final class ZipkinExporterFactory {

  private static final String ENDPOINT_KEY = "otel.exporter.zipkin.endpoint";
  private static final String TIMEOUT_KEY = "otel.exporter.zipkin.timeout";
  private static final String DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";
  private static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  private ZipkinExporterFactory() {}

  static RemoteExporter create(TracerConfig config) {
    String configured = OtlpExporterFactory.validEndpoint(config, ENDPOINT_KEY, DEFAULT_ENDPOINT);
    final String endpoint = configured == null ? DEFAULT_ENDPOINT : configured;
    final int timeoutMillis = (int) Math.min(config.getDurationMillis(TIMEOUT_KEY, DEFAULT_TIMEOUT_MILLIS),
        Integer.MAX_VALUE);
    return new RemoteExporter(new DeferredSpanExporter(new Supplier<SpanExporter>() {
      @Override
      public SpanExporter get() {
        return new ZipkinExporter(endpoint, timeoutMillis);
      }
    }), endpoint);
  }
}
