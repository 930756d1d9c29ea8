package io.tracer.agent.protection;

import io.tracer.agent.runtime.ProcessCpu;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/** Samples the process's CPU load for the breaker on one daemon thread, a few times per sustained period. */
final class CpuLoadWatcher implements Runnable, AutoCloseable {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private final CircuitBreaker breaker;
  private final ProcessCpu cpu;
  private final ScheduledExecutorService executor;

  private CpuLoadWatcher(CircuitBreaker breaker, ProcessCpu cpu) {
    this.breaker = breaker;
    this.cpu = cpu;
    this.executor = Executors.newSingleThreadScheduledExecutor(new DaemonThread());
  }

  static CpuLoadWatcher start(CircuitBreaker breaker, ProcessCpu cpu, long intervalMillis) {
    CpuLoadWatcher watcher = new CpuLoadWatcher(breaker, cpu);
    watcher.executor.scheduleWithFixedDelay(watcher, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    return watcher;
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

  @Override
  public void close() {
    executor.shutdownNow();
  }

  private static final class DaemonThread implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "tracer-cpu-watch");
      thread.setDaemon(true);
      return thread;
    }
  }
}
