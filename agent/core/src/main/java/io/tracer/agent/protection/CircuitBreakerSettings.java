package io.tracer.agent.protection;

import io.tracer.instrumentation.api.config.TracerConfig;

/** {@code otel.tracer.circuit-breaker.*}, read once. A threshold of {@code 1} switches that check off. */
public final class CircuitBreakerSettings {

  static final String PREFIX = "otel.tracer.circuit-breaker.";
  static final double DEFAULT_HEAP_THRESHOLD = 0.9;
  static final double DEFAULT_CPU_THRESHOLD = 0.95;
  static final long DEFAULT_CPU_SUSTAINED_MILLIS = 30_000;
  private static final long MIN_CPU_SUSTAINED_MILLIS = 1000;

  final boolean enabled;
  final double heapThreshold;
  final double cpuThreshold;
  final long cpuSustainedMillis;

  public CircuitBreakerSettings(boolean enabled, double heapThreshold, double cpuThreshold, long cpuSustainedMillis) {
    this.enabled = enabled;
    this.heapThreshold = heapThreshold;
    this.cpuThreshold = cpuThreshold;
    this.cpuSustainedMillis = cpuSustainedMillis;
  }

  public static CircuitBreakerSettings from(TracerConfig config) {
    boolean enabled = config.getBoolean(PREFIX + "enabled", true);
    if (!enabled) {
      return new CircuitBreakerSettings(false, 1, 1, DEFAULT_CPU_SUSTAINED_MILLIS);
    }
    double heap = config.getDouble(PREFIX + "heap-threshold", DEFAULT_HEAP_THRESHOLD, 0.01, 1);
    double cpu = config.getDouble(PREFIX + "cpu-threshold", DEFAULT_CPU_THRESHOLD, 0.01, 1);
    String sustainedKey = PREFIX + "cpu-sustained";
    long sustained = config.getDurationMillis(sustainedKey, DEFAULT_CPU_SUSTAINED_MILLIS);
    if (sustained < MIN_CPU_SUSTAINED_MILLIS) {
      config.problems().invalidValue(sustainedKey, config.getString(sustainedKey), "a duration of at least 1s",
          DEFAULT_CPU_SUSTAINED_MILLIS / 1000 + "s");
      sustained = DEFAULT_CPU_SUSTAINED_MILLIS;
    }
    return new CircuitBreakerSettings(true, heap, cpu, sustained);
  }

  boolean watchesHeap() {
    return enabled && heapThreshold < 1;
  }

  boolean watchesCpu() {
    return enabled && cpuThreshold < 1;
  }

  /** Several samples per sustained period, at most one every 5 s: the load is averaged between two samples. */
  long cpuSampleIntervalMillis() {
    return Math.max(MIN_CPU_SUSTAINED_MILLIS / 2, Math.min(5000, cpuSustainedMillis / 3));
  }
}
