package io.tracer.agent.protection;

import io.tracer.agent.runtime.ProcessCpu;

/** One sample of the process's CPU load for the breaker; scheduled a few times per sustained period. */
final class CpuLoadSample implements Runnable {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private final CircuitBreaker breaker;
  private final ProcessCpu cpu;

  CpuLoadSample(CircuitBreaker breaker, ProcessCpu cpu) {
    this.breaker = breaker;
    this.cpu = cpu;
  }

  @Override
  public void run() {
    try {
      double load = cpu.recentLoad();
      if (load >= 0) {
        breaker.cpuLoad(load, System.nanoTime() / NANOS_PER_MILLI);
      }
    } catch (RuntimeException unexpected) {
      // an exception would cancel the schedule; the next sample tries again
    }
  }
}
