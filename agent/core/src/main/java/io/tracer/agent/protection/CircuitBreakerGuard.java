package io.tracer.agent.protection;

import io.tracer.agent.runtime.ProcessCpu;
import io.tracer.instrumentation.api.AgentLog;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/** The breaker with what feeds it, started from the configuration and stopped with the SDK. */
public final class CircuitBreakerGuard implements AutoCloseable {

  private final CircuitBreaker breaker;
  private final HeapAfterGcWatcher heapWatcher;
  private final CpuLoadWatcher cpuWatcher;

  private CircuitBreakerGuard(CircuitBreaker breaker, HeapAfterGcWatcher heapWatcher, CpuLoadWatcher cpuWatcher) {
    this.breaker = breaker;
    this.heapWatcher = heapWatcher;
    this.cpuWatcher = cpuWatcher;
  }

  /** @return {@code null} when switched off, or when the JVM tells neither heap nor CPU use */
  public static CircuitBreakerGuard start(CircuitBreakerSettings settings, PrintStream log) {
    if (!settings.watchesHeap() && !settings.watchesCpu()) {
      return null;
    }
    CircuitBreaker breaker = new CircuitBreaker(settings, log);
    HeapAfterGcWatcher heapWatcher = null;
    if (settings.watchesHeap()) {
      try {
        heapWatcher = HeapAfterGcWatcher.start(breaker, ManagementFactory.getMemoryPoolMXBeans(),
            ManagementFactory.getGarbageCollectorMXBeans());
      } catch (RuntimeException | LinkageError unavailable) {
        AgentLog.debug("circuit breaker without heap watch: " + unavailable);
      }
    }
    CpuLoadWatcher cpuWatcher = null;
    ProcessCpu cpu = settings.watchesCpu() ? ProcessCpu.platform() : null;
    if (cpu != null) {
      cpuWatcher = CpuLoadWatcher.start(breaker, cpu, settings.cpuSampleIntervalMillis());
    }
    if (heapWatcher == null && cpuWatcher == null) {
      AgentLog.debug("circuit breaker off: this JVM tells neither old-generation use nor CPU load");
      return null;
    }
    return new CircuitBreakerGuard(breaker, heapWatcher, cpuWatcher);
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  @Override
  public void close() {
    if (heapWatcher != null) {
      heapWatcher.close();
    }
    if (cpuWatcher != null) {
      cpuWatcher.close();
    }
  }
}
