package io.tracer.instrumentation.quartz;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.List;
import org.quartz.JobDataMap;

/**
 * The trace context in a trigger's {@code JobDataMap}, as strings under keys prefixed {@code tracer_} (so a JDBC
 * store with {@code useProperties=true} keeps them, and the application's own keys never clash with them).
 */
final class TriggerDataCarrier implements TextMapSetter<JobDataMap>, TextMapGetter<JobDataMap> {

  static final TriggerDataCarrier INSTANCE = new TriggerDataCarrier();

  private static final String PREFIX = "tracer_";

  private TriggerDataCarrier() {}

  @Override
  public void set(JobDataMap data, String key, String value) {
    if (data != null) {
      data.put(PREFIX + key, value);
    }
  }

  @Override
  public Iterable<String> keys(JobDataMap data) {
    List<String> keys = new ArrayList<>();
    for (String key : data.keySet()) {
      if (key.startsWith(PREFIX)) {
        keys.add(key.substring(PREFIX.length()));
      }
    }
    return keys;
  }

  @Override
  public String get(JobDataMap data, String key) {
    if (data == null) {
      return null;
    }
    Object value = data.get(PREFIX + key);
    return value instanceof String ? (String) value : null;
  }
}
