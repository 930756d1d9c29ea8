package io.tracer.agent.sdk;

import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code otel.metrics.exporter} ({@code none} by default) and {@code otel.metric.export.interval}, read apart from
 * {@link MeterSdkFactory} so that deciding "no metrics" loads no class of the metrics SDK.
 */
final class MetricsSettings {

  static final String KEY = "otel.metrics.exporter";
  static final String INTERVAL_KEY = "otel.metric.export.interval";
  private static final List<String> ACCEPTED = Arrays.asList("otlp", "console", "none");
  private static final long DEFAULT_INTERVAL_MILLIS = 60_000;

  final Set<String> exporters;
  final long intervalMillis;

  private MetricsSettings(Set<String> exporters, long intervalMillis) {
    this.exporters = exporters;
    this.intervalMillis = intervalMillis;
  }

  static MetricsSettings from(TracerConfig config) {
    Set<String> exporters = exporterNames(config);
    exporters.remove("none");
    long interval = DEFAULT_INTERVAL_MILLIS;
    if (!exporters.isEmpty()) {
      interval = config.getDurationMillis(INTERVAL_KEY, DEFAULT_INTERVAL_MILLIS);
      if (interval <= 0) {
        config.problems().invalidValue(INTERVAL_KEY, config.getString(INTERVAL_KEY), "a duration above 0",
            DEFAULT_INTERVAL_MILLIS + "ms");
        interval = DEFAULT_INTERVAL_MILLIS;
      }
    }
    return new MetricsSettings(exporters, interval);
  }

  boolean enabled() {
    return !exporters.isEmpty();
  }

  /** Validated names; a value of only unknown names means {@code none}, told once. */
  private static Set<String> exporterNames(TracerConfig config) {
    List<String> requested = config.getList(KEY, Collections.singletonList("none"));
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
    if (!unknown.isEmpty()) {
      config.problems().invalidValue(KEY, config.getString(KEY), "a comma list of " + String.join(", ", ACCEPTED),
          known.isEmpty() ? "none" : String.join(",", known) + " (skipped " + String.join(", ", unknown) + ")");
    }
    return known;
  }
}
