package io.tracer.agent.runtime;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.lang.management.GarbageCollectorMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * {@code jvm.gc.duration}, a histogram in seconds by {@code jvm.gc.name} and {@code jvm.gc.action}, recorded from
 * the collectors' notifications as each collection ends: no thread polls for it.
 */
final class JvmGcDurationMetric implements NotificationListener {

  private static final AttributeKey<String> GC_NAME = AttributeKey.stringKey("jvm.gc.name");
  private static final AttributeKey<String> GC_ACTION = AttributeKey.stringKey("jvm.gc.action");
  private static final List<Double> BUCKETS = Arrays.asList(0.01, 0.1, 1.0, 10.0);
  private static final double MILLIS_PER_SECOND = 1000d;

  private final DoubleHistogram duration;
  /** One entry per collector and action: a handful for the JVM's life. */
  private final ConcurrentMap<String, Attributes> attributes = new ConcurrentHashMap<>();

  private JvmGcDurationMetric(DoubleHistogram duration) {
    this.duration = duration;
  }

  /** Needs {@code com.sun.management}; a JVM without it has no GC duration, which the caller tells. */
  static void register(Meter meter, List<GarbageCollectorMXBean> collectors) {
    // loaded now, so that a JVM without it fails here, once, rather than in every notification
    GarbageCollectionNotificationInfo.class.getName();
    JvmGcDurationMetric listener = new JvmGcDurationMetric(meter.histogramBuilder("jvm.gc.duration").setUnit("s")
        .setDescription("Duration of JVM garbage collection actions.")
        .setExplicitBucketBoundariesAdvice(BUCKETS)
        .build());
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter) {
        ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
      }
    }
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    try {
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      duration.record(info.getGcInfo().getDuration() / MILLIS_PER_SECOND, attributes(info.getGcName(),
          info.getGcAction()));
    } catch (RuntimeException unexpectedPayload) {
      // a notification this JVM fills differently: that collection goes unmeasured
    }
  }

  private Attributes attributes(String name, String action) {
    String key = name + '\n' + action;
    Attributes known = attributes.get(key);
    if (known == null) {
      known = Attributes.of(GC_NAME, name, GC_ACTION, action);
      attributes.putIfAbsent(key, known);
    }
    return known;
  }
}
