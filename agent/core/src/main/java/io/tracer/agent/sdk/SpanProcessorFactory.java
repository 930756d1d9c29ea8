package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code otel.traces.exporter}: where finished spans go, each destination behind its own batch processor so that
 * ending a span only ever enqueues it. A remote exporter's losses (full queue, failed export) are counted and told
 * by its own {@link ExportLossLog}.
 */
final class SpanProcessorFactory {

  static final String KEY = "otel.traces.exporter";
  private static final List<String> ACCEPTED = Arrays.asList("otlp", "jaeger", "jaeger_agent", "zipkin",
      "console", "none");
  private static final String DEFAULT = "otlp";
  /** Short, unlike otel.bsp.schedule.delay: a developer watching the console wants the tree right after the request. */
  private static final long CONSOLE_SCHEDULE_DELAY_MILLIS = 200;

  private SpanProcessorFactory() {}

  static List<SpanProcessor> create(TracerConfig config, PrintStream diagnostics, Clock clock) {
    BatchSettings batch = BatchSettings.from(config);
    List<SpanProcessor> processors = new ArrayList<>();
    for (String name : exporterNames(config)) {
      switch (name) {
        case "otlp":
          processors.add(remote(OtlpExporterFactory.create(config), batch, diagnostics, clock));
          break;
        case "jaeger":
          processors.add(remote(JaegerExporterFactory.collector(config), batch, diagnostics, clock));
          break;
        case "jaeger_agent":
          processors.add(remote(JaegerExporterFactory.agent(config), batch, diagnostics, clock));
          break;
        case "zipkin":
          processors.add(remote(ZipkinExporterFactory.create(config), batch, diagnostics, clock));
          break;
        case "console":
          processors.add(console(batch, diagnostics, clock));
          break;
        default:
          // "none": without any processor the SDK records nothing, yet still propagates the caller's context
          break;
      }
    }
    return processors;
  }

  private static Set<String> exporterNames(TracerConfig config) {
    List<String> requested = config.getList(KEY, Collections.singletonList(DEFAULT));
    Set<String> known = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String word : requested) {
      String name = word.toLowerCase(Locale.ROOT);
      if (ACCEPTED.contains(name)) {
        known.add(name);
      } else {
        unknown.add(word);
      }
    }
    if (known.isEmpty()) {
      known.add(DEFAULT);
    }
    if (!unknown.isEmpty()) {
      config.problems().invalidValue(KEY, config.getString(KEY), "a comma list of " + String.join(", ", ACCEPTED),
          String.join(",", known) + " (skipped " + String.join(", ", unknown) + ")");
    }
    return known;
  }

  private static SpanProcessor remote(RemoteExporter remote, BatchSettings batch, PrintStream diagnostics,
      Clock clock) {
    QueueFullDropCounter drops = new QueueFullDropCounter();
    ExportLossLog lossLog = new ExportLossLog(remote.endpoint(), diagnostics, clock);
    return BatchSpanProcessor.builder(
            new LossReportingSpanExporter(remote.exporter(), drops, lossLog, batch.maxQueueSize))
        .setScheduleDelay(batch.scheduleDelayMillis, TimeUnit.MILLISECONDS)
        .setMaxQueueSize(batch.maxQueueSize)
        .setMaxExportBatchSize(batch.maxExportBatchSize)
        .setExporterTimeout(batch.exportTimeoutMillis, TimeUnit.MILLISECONDS)
        // the version whose metric says why a span was dropped: error.type=queue_full
        .setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
        .setMeterProvider(drops)
        .build();
  }

  private static SpanProcessor console(BatchSettings batch, PrintStream diagnostics, Clock clock) {
    return BatchSpanProcessor.builder(new ConsoleTraceExporter(diagnostics, clock))
        .setScheduleDelay(CONSOLE_SCHEDULE_DELAY_MILLIS, TimeUnit.MILLISECONDS)
        .setMaxQueueSize(batch.maxQueueSize)
        .setMaxExportBatchSize(batch.maxExportBatchSize)
        .build();
  }
}
