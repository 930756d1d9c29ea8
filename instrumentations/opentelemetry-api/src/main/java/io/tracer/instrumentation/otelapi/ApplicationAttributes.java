package io.tracer.instrumentation.otelapi;

import io.opentelemetry.api.common.Attributes;
import java.util.List;

/** The application's attributes, flat for the agent: {@code {name, type, value, ...}} (see {@code AgentSpans}). */
final class ApplicationAttributes {

  private static final Object[] NONE = new Object[0];

  private ApplicationAttributes() {}

  static Object[] flat(Attributes attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return NONE;
    }
    final Object[] flat = new Object[attributes.size() * 3];
    final int[] next = {0};
    attributes.forEach((key, value) -> {
      if (next[0] < flat.length) {
        flat[next[0]++] = key.getKey();
        flat[next[0]++] = key.getType().name();
        flat[next[0]++] = value;
      }
    });
    return flat;
  }

  static void add(List<Object> flat, String name, String type, Object value) {
    flat.add(name);
    flat.add(type);
    flat.add(value);
  }
}
