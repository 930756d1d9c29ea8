package io.tracer.agent.protection;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's self-protection: open while the heap stays above {@link CircuitBreakerSettings#heapThreshold} of its
 * limit after a collection of the old generation, or while the process's CPU load stays above
 * {@link CircuitBreakerSettings#cpuThreshold} for {@link CircuitBreakerSettings#cpuSustainedMillis}. While open no
 * new trace is recorded; spans already under way end as usual. Opening and closing are told in one line each.
 *
 * <p>Fed with numbers ({@link #heapAfterGc}, {@link #cpuLoad}) by watchers of the JVM, or by a test.
 */
public final class CircuitBreaker {

  private final CircuitBreakerSettings settings;
  private final PrintStream log;
  private final LongAdder skippedTraces = new LongAdder();
  private volatile boolean open;

  // guarded by this: written by the GC notification thread and the CPU watcher
  private double heapUsedAfterGc;
  private boolean heapPressure;
  private double cpuLoad;
  private long cpuHighSinceMillis = -1;
  private boolean cpuSaturated;

  public CircuitBreaker(CircuitBreakerSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  /** One volatile read: what the sampler asks for every new trace. */
  public boolean isOpen() {
    return open;
  }

  public void traceSkipped() {
    skippedTraces.increment();
  }

  /** New traces not recorded while the breaker was open, since the start. */
  public long skippedTraces() {
    return skippedTraces.sum();
  }

  /** @param usedFraction of the old generation's limit still used right after it was collected */
  public synchronized void heapAfterGc(double usedFraction) {
    heapUsedAfterGc = usedFraction;
    heapPressure = usedFraction > settings.heapThreshold;
    update();
  }

  /** @param load the process's recent CPU load from 0 to 1, sampled at {@code nowMillis} (any monotonic clock) */
  public synchronized void cpuLoad(double load, long nowMillis) {
    cpuLoad = load;
    if (load > settings.cpuThreshold) {
      if (cpuHighSinceMillis < 0) {
        cpuHighSinceMillis = nowMillis;
      }
      cpuSaturated = nowMillis - cpuHighSinceMillis >= settings.cpuSustainedMillis;
    } else {
      cpuHighSinceMillis = -1;
      cpuSaturated = false;
    }
    update();
  }

  private void update() {
    boolean shouldOpen = heapPressure || cpuSaturated;
    if (shouldOpen == open) {
      return;
    }
    // told before it takes effect, so that whoever sees the new state can already read why
    if (shouldOpen) {
      log.println("[tracer] WARN circuit breaker open: " + reason()
          + "; new traces are not recorded until that is relieved (otel.tracer.circuit-breaker.*)");
    } else {
      log.println("[tracer] WARN circuit breaker closed: heap " + percent(heapUsedAfterGc) + " after GC, CPU "
          + percent(cpuLoad) + "; tracing again (" + skippedTraces() + " new traces skipped since the start)");
    }
    open = shouldOpen;
  }

  private String reason() {
    if (heapPressure) {
      return "heap " + percent(heapUsedAfterGc) + " of its limit after GC, above " + percent(settings.heapThreshold);
    }
    return "CPU load " + percent(cpuLoad) + ", above " + percent(settings.cpuThreshold) + " for "
        + settings.cpuSustainedMillis / 1000 + " s";
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }
}
