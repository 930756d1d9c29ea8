package io.tracer.agent.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's CPU use as the JVM's {@code com.sun.management} extension tells it (HotSpot and OpenJ9 have it);
 * {@link #platform} is {@code null} on a JVM without it.
 */
public final class ProcessCpu {

  private final com.sun.management.OperatingSystemMXBean operatingSystem;

  private ProcessCpu(com.sun.management.OperatingSystemMXBean operatingSystem) {
    this.operatingSystem = operatingSystem;
  }

  public static ProcessCpu platform() {
    try {
      OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
      return bean instanceof com.sun.management.OperatingSystemMXBean
          ? new ProcessCpu((com.sun.management.OperatingSystemMXBean) bean) : null;
    } catch (LinkageError absent) {
      return null;
    }
  }

  /** CPU time used by the process so far, in nanoseconds; negative when unknown. */
  public long cpuTimeNanos() {
    return operatingSystem.getProcessCpuTime();
  }

  /** The recent CPU use of the process from 0 to 1, as a fraction of all processors; negative when unknown. */
  public double recentLoad() {
    return operatingSystem.getProcessCpuLoad();
  }
}
