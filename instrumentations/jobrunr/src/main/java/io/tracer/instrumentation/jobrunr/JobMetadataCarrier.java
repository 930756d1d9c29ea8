package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trace context in a job's metadata, which JobRunr stores with the job: so it survives the storage, a
 * restart, and reaches a worker in another process. Entries are the configured propagators' fields (W3C
 * {@code traceparent}, {@code tracestate}, {@code baggage} by default) under a {@code tracer.} prefix, which keeps
 * them apart from the application's own metadata.
 */
final class JobMetadataCarrier implements TextMapGetter<Map<String, Object>>, TextMapSetter<Map<String, Object>> {

  static final String PREFIX = "tracer.";
  private static final JobMetadataCarrier INSTANCE = new JobMetadataCarrier();

  private JobMetadataCarrier() {}

  static void inject(Context context, Map<String, Object> metadata) {
    AgentServices.propagator().inject(context, metadata, INSTANCE);
  }

  /** The context stored with a job, on top of the root context: never what the worker thread carries. */
  static Context extract(Map<String, Object> metadata) {
    return AgentServices.propagator().extract(Context.root(), metadata, INSTANCE);
  }

  @Override
  public void set(Map<String, Object> metadata, String key, String value) {
    if (metadata != null && key != null && value != null) {
      metadata.put(PREFIX + key, value);
    }
  }

  @Override
  public Iterable<String> keys(Map<String, Object> metadata) {
    List<String> keys = new ArrayList<>();
    for (String key : metadata.keySet()) {
      if (key.startsWith(PREFIX)) {
        keys.add(key.substring(PREFIX.length()));
      }
    }
    return keys;
  }

  @Override
  public String get(Map<String, Object> metadata, String key) {
    if (metadata == null) {
      return null;
    }
    Object value = metadata.get(PREFIX + key);
    return value instanceof String ? (String) value : null;
  }
}
