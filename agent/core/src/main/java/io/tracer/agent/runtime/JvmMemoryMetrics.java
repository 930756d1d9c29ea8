package io.tracer.agent.runtime;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code jvm.memory.used}, {@code .committed}, {@code .limit} and {@code .used_after_last_gc} per memory pool, with
 * {@code jvm.memory.type} ({@code heap} or {@code non_heap}) and {@code jvm.memory.pool.name}. The pools are fixed
 * for the JVM's life, so each pool's attributes are built once.
 */
final class JvmMemoryMetrics {

  static final AttributeKey<String> MEMORY_TYPE = AttributeKey.stringKey("jvm.memory.type");
  static final AttributeKey<String> POOL_NAME = AttributeKey.stringKey("jvm.memory.pool.name");

  private enum Reading { USED, COMMITTED, LIMIT, USED_AFTER_LAST_GC }

  private JvmMemoryMetrics() {}

  static void register(Meter meter, List<MemoryPoolMXBean> pools) {
    Attributes[] attributes = new Attributes[pools.size()];
    for (int i = 0; i < attributes.length; i++) {
      MemoryPoolMXBean pool = pools.get(i);
      attributes[i] = Attributes.of(MEMORY_TYPE, pool.getType() == MemoryType.HEAP ? "heap" : "non_heap",
          POOL_NAME, pool.getName());
    }
    meter.upDownCounterBuilder("jvm.memory.used").setUnit("By").setDescription("Measure of memory used.")
        .buildWithCallback(new PoolReader(pools, attributes, Reading.USED));
    meter.upDownCounterBuilder("jvm.memory.committed").setUnit("By").setDescription("Measure of memory committed.")
        .buildWithCallback(new PoolReader(pools, attributes, Reading.COMMITTED));
    meter.upDownCounterBuilder("jvm.memory.limit").setUnit("By").setDescription("Measure of max obtainable memory.")
        .buildWithCallback(new PoolReader(pools, attributes, Reading.LIMIT));
    meter.upDownCounterBuilder("jvm.memory.used_after_last_gc").setUnit("By")
        .setDescription("Measure of memory used, as measured after the most recent garbage collection event on this"
            + " pool.")
        .buildWithCallback(new PoolReader(pools, attributes, Reading.USED_AFTER_LAST_GC));
  }

  private static final class PoolReader implements Consumer<ObservableLongMeasurement> {
    private final List<MemoryPoolMXBean> pools;
    private final Attributes[] attributes;
    private final Reading reading;

    PoolReader(List<MemoryPoolMXBean> pools, Attributes[] attributes, Reading reading) {
      this.pools = pools;
      this.attributes = attributes;
      this.reading = reading;
    }

    @Override
    public void accept(ObservableLongMeasurement measurement) {
      for (int i = 0; i < attributes.length; i++) {
        long value = read(pools.get(i));
        if (value >= 0) {
          measurement.record(value, attributes[i]);
        }
      }
    }

    /** -1 when the pool does not tell: an unbounded pool has no limit, a pool no collector visits no after-GC use. */
    private long read(MemoryPoolMXBean pool) {
      MemoryUsage usage = reading == Reading.USED_AFTER_LAST_GC ? pool.getCollectionUsage() : pool.getUsage();
      if (usage == null) {
        return -1;
      }
      switch (reading) {
        case COMMITTED:
          return usage.getCommitted();
        case LIMIT:
          return usage.getMax();
        default:
          return usage.getUsed();
      }
    }
  }
}
