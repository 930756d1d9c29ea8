package io.tracer.agent.runtime;

import io.opentelemetry.api.metrics.Meter;
import io.tracer.instrumentation.api.AgentLog;
import java.lang.management.ManagementFactory;

/**
 * The JVM's runtime metrics under the stable semantic-convention names, observed through the platform's own
 * management beans. Written here rather than taken from the OpenTelemetry runtime-telemetry library: that is an
 * alpha artifact whose Java 8 module is deprecated for a unified one and that brings the instrumentation API with
 * it, for a dozen observers.
 */
public final class RuntimeMetrics {

  private RuntimeMetrics() {}

  /** Each group on its own: a JVM that lacks one bean loses that group only, and says so in a debug line. */
  public static void register(Meter meter) {
    try {
      JvmMemoryMetrics.register(meter, ManagementFactory.getMemoryPoolMXBeans());
    } catch (RuntimeException | LinkageError unavailable) {
      AgentLog.debug("no memory metrics: " + unavailable);
    }
    try {
      JvmThreadAndClassMetrics.register(meter, ManagementFactory.getThreadMXBean(),
          ManagementFactory.getClassLoadingMXBean());
    } catch (RuntimeException | LinkageError unavailable) {
      AgentLog.debug("no thread and class metrics: " + unavailable);
    }
    try {
      JvmCpuMetrics.register(meter, ProcessCpu.platform());
    } catch (RuntimeException | LinkageError unavailable) {
      AgentLog.debug("no CPU metrics: " + unavailable);
    }
    try {
      JvmGcDurationMetric.register(meter, ManagementFactory.getGarbageCollectorMXBeans());
    } catch (RuntimeException | LinkageError unavailable) {
      AgentLog.debug("no GC duration metric: " + unavailable);
    }
  }
}
