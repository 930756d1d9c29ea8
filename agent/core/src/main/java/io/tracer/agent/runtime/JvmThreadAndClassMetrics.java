package io.tracer.agent.runtime;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ThreadMXBean;
import java.util.function.Consumer;

/**
 * {@code jvm.thread.count} by {@code jvm.thread.daemon}, {@code jvm.class.loaded}, {@code jvm.class.unloaded} and
 * {@code jvm.class.count}: counts the JVM keeps anyway, read when the metrics are collected.
 */
final class JvmThreadAndClassMetrics {

  private static final AttributeKey<Boolean> DAEMON = AttributeKey.booleanKey("jvm.thread.daemon");
  private static final Attributes DAEMON_THREADS = Attributes.of(DAEMON, true);
  private static final Attributes OTHER_THREADS = Attributes.of(DAEMON, false);

  private enum Count { THREADS, CLASSES_LOADED, CLASSES_UNLOADED, CLASSES_NOW }

  private JvmThreadAndClassMetrics() {}

  static void register(Meter meter, ThreadMXBean threads, ClassLoadingMXBean classes) {
    meter.upDownCounterBuilder("jvm.thread.count").setUnit("{thread}")
        .setDescription("Number of executing platform threads.")
        .buildWithCallback(new CountReader(threads, classes, Count.THREADS));
    meter.counterBuilder("jvm.class.loaded").setUnit("{class}")
        .setDescription("Number of classes loaded since JVM start.")
        .buildWithCallback(new CountReader(threads, classes, Count.CLASSES_LOADED));
    meter.counterBuilder("jvm.class.unloaded").setUnit("{class}")
        .setDescription("Number of classes unloaded since JVM start.")
        .buildWithCallback(new CountReader(threads, classes, Count.CLASSES_UNLOADED));
    meter.upDownCounterBuilder("jvm.class.count").setUnit("{class}")
        .setDescription("Number of classes currently loaded.")
        .buildWithCallback(new CountReader(threads, classes, Count.CLASSES_NOW));
  }

  private static final class CountReader implements Consumer<ObservableLongMeasurement> {
    private final ThreadMXBean threads;
    private final ClassLoadingMXBean classes;
    private final Count count;

    CountReader(ThreadMXBean threads, ClassLoadingMXBean classes, Count count) {
      this.threads = threads;
      this.classes = classes;
      this.count = count;
    }

    @Override
    public void accept(ObservableLongMeasurement measurement) {
      switch (count) {
        case THREADS:
          int daemon = threads.getDaemonThreadCount();
          measurement.record(daemon, DAEMON_THREADS);
          measurement.record(Math.max(0, threads.getThreadCount() - daemon), OTHER_THREADS);
          break;
        case CLASSES_LOADED:
          measurement.record(classes.getTotalLoadedClassCount());
          break;
        case CLASSES_UNLOADED:
          measurement.record(classes.getUnloadedClassCount());
          break;
        default:
          measurement.record(classes.getLoadedClassCount());
          break;
      }
    }
  }
}
