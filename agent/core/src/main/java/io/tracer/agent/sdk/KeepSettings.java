package io.tracer.agent.sdk;

import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.concurrent.TimeUnit;

/**
 * {@code otel.traces.keep.*}: which traces the head sampler dropped are exported all the same, once their local root
 * has ended, and how many of their spans may wait for that in memory.
 */
final class KeepSettings {

  static final String ERRORS_KEY = "otel.traces.keep.errors";
  static final String SLOW_THRESHOLD_KEY = "otel.traces.keep.slow-threshold";
  static final String MAX_SPANS_PER_TRACE_KEY = "otel.traces.keep.max-spans-per-trace";
  static final String MAX_BUFFERED_SPANS_KEY = "otel.traces.keep.max-buffered-spans";
  private static final long DEFAULT_SLOW_THRESHOLD_MILLIS = 2000;
  private static final int DEFAULT_MAX_SPANS_PER_TRACE = 500;
  private static final int DEFAULT_MAX_BUFFERED_SPANS = 5000;
  private static final int LARGEST_BUFFER = 1 << 22;

  final boolean errors;
  /** 0: the duration keeps nothing. */
  final long slowThresholdNanos;
  final int maxSpansPerTrace;
  final int maxBufferedSpans;

  KeepSettings(boolean errors, long slowThresholdNanos, int maxSpansPerTrace, int maxBufferedSpans) {
    this.errors = errors;
    this.slowThresholdNanos = slowThresholdNanos;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxBufferedSpans = maxBufferedSpans;
  }

  static KeepSettings from(TracerConfig config) {
    boolean errors = config.getBoolean(ERRORS_KEY, true);
    long slowMillis = config.getDurationMillis(SLOW_THRESHOLD_KEY, DEFAULT_SLOW_THRESHOLD_MILLIS);
    int maxBuffered = config.getInt(MAX_BUFFERED_SPANS_KEY, DEFAULT_MAX_BUFFERED_SPANS, 1, LARGEST_BUFFER);
    int perTrace = config.getInt(MAX_SPANS_PER_TRACE_KEY, Math.min(DEFAULT_MAX_SPANS_PER_TRACE, maxBuffered), 1,
        LARGEST_BUFFER);
    return new KeepSettings(errors, TimeUnit.MILLISECONDS.toNanos(slowMillis), Math.min(perTrace, maxBuffered),
        maxBuffered);
  }

  /** Off, dropped traces are not even recorded: they cost nothing but propagation. */
  boolean enabled() {
    return errors || slowThresholdNanos > 0;
  }
}
