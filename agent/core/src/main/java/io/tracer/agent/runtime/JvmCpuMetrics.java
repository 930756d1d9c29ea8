package io.tracer.agent.runtime;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.function.Consumer;

/** {@code jvm.cpu.time}, {@code jvm.cpu.recent_utilization} and {@code jvm.cpu.count}. */
final class JvmCpuMetrics {

  private static final double NANOS_PER_SECOND = 1e9;

  private JvmCpuMetrics() {}

  /** @param cpu {@code null} on a JVM that does not tell the process's CPU use: then only the count is there */
  static void register(Meter meter, ProcessCpu cpu) {
    meter.upDownCounterBuilder("jvm.cpu.count").setUnit("{cpu}")
        .setDescription("Number of processors available to the Java virtual machine.")
        .buildWithCallback(new ProcessorCount());
    if (cpu == null) {
      return;
    }
    meter.counterBuilder("jvm.cpu.time").ofDoubles().setUnit("s")
        .setDescription("CPU time used by the process as reported by the JVM.")
        .buildWithCallback(new CpuReader(cpu, true));
    meter.gaugeBuilder("jvm.cpu.recent_utilization").setUnit("1")
        .setDescription("Recent CPU utilization for the process as reported by the JVM.")
        .buildWithCallback(new CpuReader(cpu, false));
  }

  private static final class ProcessorCount implements Consumer<ObservableLongMeasurement> {
    @Override
    public void accept(ObservableLongMeasurement measurement) {
      measurement.record(Runtime.getRuntime().availableProcessors());
    }
  }

  private static final class CpuReader implements Consumer<ObservableDoubleMeasurement> {
    private final ProcessCpu cpu;
    private final boolean time;

    CpuReader(ProcessCpu cpu, boolean time) {
      this.cpu = cpu;
      this.time = time;
    }

    @Override
    public void accept(ObservableDoubleMeasurement measurement) {
      if (time) {
        long nanos = cpu.cpuTimeNanos();
        if (nanos >= 0) {
          measurement.record(nanos / NANOS_PER_SECOND);
        }
      } else {
        double load = cpu.recentLoad();
        if (load >= 0) {
          measurement.record(load);
        }
      }
    }
  }
}
