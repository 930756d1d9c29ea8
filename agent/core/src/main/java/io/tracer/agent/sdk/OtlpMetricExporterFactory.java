package io.tracer.agent.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP metric exporter, on the same settings as the span exporter: {@code otel.exporter.otlp.metrics.*} wins
 * over {@code otel.exporter.otlp.*}, and a generic HTTP endpoint gets {@code /v1/metrics} appended. A class of its
 * own so that the metric exporter's classes are loaded only when metrics are on.
 */
final class OtlpMetricExporterFactory {

  private OtlpMetricExporterFactory() {}

  static MetricExporter create(TracerConfig config) {
    OtlpExporterFactory.Settings settings = OtlpExporterFactory.Settings.read(config, "metrics");
    try {
      return settings.http ? httpExporter(settings) : grpcExporter(settings);
    } catch (RuntimeException rejected) {
      config.problems().problem("otlp-metric-exporter", "the OTLP metric exporter rejected its settings ("
          + rejected.getMessage() + "); exporting to " + settings.endpoint + " with default settings");
      return settings.http
          ? OtlpHttpMetricExporter.builder().setEndpoint(settings.endpoint).setMeterProvider(MeterProvider.noop())
              .build()
          : OtlpGrpcMetricExporter.builder().setEndpoint(settings.endpoint).setMeterProvider(MeterProvider.noop())
              .build();
    }
  }

  private static MetricExporter httpExporter(OtlpExporterFactory.Settings settings) {
    OtlpHttpMetricExporterBuilder builder = OtlpHttpMetricExporter.builder()
        .setEndpoint(settings.endpoint)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.compression)
        // the exporter's own metrics would otherwise go to GlobalOpenTelemetry, which belongs to the application
        .setMeterProvider(MeterProvider.noop());
    for (Map.Entry<String, String> header : settings.headers.entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    if (settings.trustedCertificates != null) {
      builder.setTrustedCertificates(settings.trustedCertificates);
    }
    if (settings.clientKeyAndCertificate != null) {
      builder.setClientTls(settings.clientKeyAndCertificate[0], settings.clientKeyAndCertificate[1]);
    }
    if (settings.retryDisabled) {
      builder.setRetryPolicy(null);
    }
    return builder.build();
  }

  private static MetricExporter grpcExporter(OtlpExporterFactory.Settings settings) {
    OtlpGrpcMetricExporterBuilder builder = OtlpGrpcMetricExporter.builder()
        .setEndpoint(settings.endpoint)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.compression)
        .setMeterProvider(MeterProvider.noop());
    for (Map.Entry<String, String> header : settings.headers.entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    if (settings.trustedCertificates != null) {
      builder.setTrustedCertificates(settings.trustedCertificates);
    }
    if (settings.clientKeyAndCertificate != null) {
      builder.setClientTls(settings.clientKeyAndCertificate[0], settings.clientKeyAndCertificate[1]);
    }
    if (settings.retryDisabled) {
      builder.setRetryPolicy(null);
    }
    return builder.build();
  }
}
