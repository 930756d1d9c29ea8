package io.tracer.agent.protection;

import io.tracer.agent.runtime.ProcessCpu;
import io.tracer.instrumentation.api.AgentLog;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The breaker with what feeds it, stopped with the SDK. Its one daemon thread, {@code tracer-load-watch}, first
 * subscribes to the collectors' notifications and then samples the CPU: the management beans' few hundred classes
 * load there, not in premain.
 */
public final class CircuitBreakerGuard implements AutoCloseable {

  private final CircuitBreakerSettings settings;
  private final CircuitBreaker breaker;
  private final ScheduledExecutorService watchThread;
  private volatile HeapAfterGcWatcher heapWatcher;

  private CircuitBreakerGuard(CircuitBreakerSettings settings, CircuitBreaker breaker) {
    this.settings = settings;
    this.breaker = breaker;
    this.watchThread = Executors.newSingleThreadScheduledExecutor(new DaemonThread());
  }

  /** @return {@code null} when switched off */
  public static CircuitBreakerGuard start(CircuitBreakerSettings settings, PrintStream log) {
    if (!settings.watchesHeap() && !settings.watchesCpu()) {
      return null;
    }
    CircuitBreakerGuard guard = new CircuitBreakerGuard(settings, new CircuitBreaker(settings, log));
    guard.watchThread.execute(new StartWatching(guard));
    return guard;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  private void startWatching() {
    if (settings.watchesHeap()) {
      try {
        heapWatcher = HeapAfterGcWatcher.start(breaker, ManagementFactory.getMemoryPoolMXBeans(),
            ManagementFactory.getGarbageCollectorMXBeans());
      } catch (RuntimeException | LinkageError unavailable) {
        AgentLog.debug("circuit breaker without heap watch: " + unavailable);
      }
      if (heapWatcher == null) {
        AgentLog.debug("circuit breaker without heap watch: no bounded old generation with GC notifications");
      }
    }
    ProcessCpu cpu = settings.watchesCpu() ? ProcessCpu.platform() : null;
    if (cpu != null) {
      long interval = settings.cpuSampleIntervalMillis();
      watchThread.scheduleWithFixedDelay(new CpuLoadSample(breaker, cpu), interval, interval, TimeUnit.MILLISECONDS);
    } else if (settings.watchesCpu()) {
      AgentLog.debug("circuit breaker without CPU watch: this JVM does not tell the process's CPU load");
    }
  }

  @Override
  public void close() {
    watchThread.shutdownNow();
    HeapAfterGcWatcher watcher = heapWatcher;
    if (watcher != null) {
      watcher.close();
    }
  }

  private static final class StartWatching implements Runnable {
    private final CircuitBreakerGuard guard;

    StartWatching(CircuitBreakerGuard guard) {
      this.guard = guard;
    }

    @Override
    public void run() {
      try {
        guard.startWatching();
      } catch (RuntimeException | LinkageError unexpected) {
        AgentLog.debug("circuit breaker not watching: " + unexpected);
      }
    }
  }

  private static final class DaemonThread implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "tracer-load-watch");
      thread.setDaemon(true);
      return thread;
    }
  }
}
