package io.tracer.agent.protection;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Tells the breaker how full the old generation is after each collection, from the collectors' own notifications:
 * no thread polls. The old generation is the heap pool that supports both a usage and a collection-usage threshold
 * (eden and survivor spaces support only the latter); its collection usage is what a collection left in it.
 */
final class HeapAfterGcWatcher implements NotificationListener, AutoCloseable {

  /** The type HotSpot and OpenJ9 give their GC notifications; named here to need no {@code com.sun} class. */
  static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

  private final CircuitBreaker breaker;
  private final List<MemoryPoolMXBean> oldGenerations;
  private final List<NotificationEmitter> emitters = new ArrayList<>();

  private HeapAfterGcWatcher(CircuitBreaker breaker, List<MemoryPoolMXBean> oldGenerations) {
    this.breaker = breaker;
    this.oldGenerations = oldGenerations;
  }

  /** @return the watcher, or {@code null} when the JVM has no bounded old generation or no GC notifications */
  static HeapAfterGcWatcher start(CircuitBreaker breaker, List<MemoryPoolMXBean> pools,
      List<GarbageCollectorMXBean> collectors) {
    List<MemoryPoolMXBean> oldGenerations = oldGenerations(pools);
    if (oldGenerations.isEmpty()) {
      return null;
    }
    HeapAfterGcWatcher watcher = new HeapAfterGcWatcher(breaker, oldGenerations);
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter) {
        NotificationEmitter emitter = (NotificationEmitter) collector;
        emitter.addNotificationListener(watcher, null, null);
        watcher.emitters.add(emitter);
      }
    }
    if (watcher.emitters.isEmpty()) {
      return null;
    }
    return watcher;
  }

  static List<MemoryPoolMXBean> oldGenerations(List<MemoryPoolMXBean> pools) {
    List<MemoryPoolMXBean> old = new ArrayList<>();
    for (MemoryPoolMXBean pool : pools) {
      if (pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported()
          && pool.isCollectionUsageThresholdSupported() && pool.getUsage().getMax() > 0) {
        old.add(pool);
      }
    }
    return old;
  }

  /** The fullest old generation's share of its limit after its last collection; 0 before any. */
  static double usedFractionAfterGc(List<MemoryPoolMXBean> oldGenerations) {
    double fullest = 0;
    for (MemoryPoolMXBean pool : oldGenerations) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      long max = pool.getUsage().getMax();
      if (afterGc != null && max > 0) {
        fullest = Math.max(fullest, (double) afterGc.getUsed() / max);
      }
    }
    return fullest;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (GC_NOTIFICATION.equals(notification.getType())) {
      breaker.heapAfterGc(usedFractionAfterGc(oldGenerations));
    }
  }

  @Override
  public void close() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (ListenerNotFoundException alreadyGone) {
        // nothing left to remove
      }
    }
  }
}
