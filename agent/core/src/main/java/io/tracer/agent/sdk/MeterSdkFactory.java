package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * A meter provider on the spans' resource with one periodic reader per exporter of {@link MetricsSettings}. Reached
 * only when an exporter is named: an agent without metrics loads no class of the metrics SDK.
 */
final class MeterSdkFactory {

  private MeterSdkFactory() {}

  static MeterSdk create(MetricsSettings settings, TracerConfig config, Resource resource, PrintStream console,
      Clock clock) {
    SdkMeterProviderBuilder builder = SdkMeterProvider.builder().setResource(resource).setClock(clock);
    for (String name : settings.exporters) {
      MetricExporter exporter = "otlp".equals(name)
          ? OtlpMetricExporterFactory.create(config) : new ConsoleMetricExporter(console);
      builder.registerMetricReader(PeriodicMetricReader.builder(exporter)
          .setInterval(settings.intervalMillis, TimeUnit.MILLISECONDS)
          .build());
    }
    return new MeterSdk(builder.build());
  }
}
