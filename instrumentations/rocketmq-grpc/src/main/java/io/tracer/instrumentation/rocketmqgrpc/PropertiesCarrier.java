package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import java.util.Collections;
import java.util.Map;

/** The trace context in a message's user properties, written by the propagators the agent is configured with. */
final class PropertiesCarrier {

  private static final TextMapSetter<Map<String, String>> SETTER = new TextMapSetter<Map<String, String>>() {
    @Override
    public void set(Map<String, String> properties, String key, String value) {
      if (properties != null) {
        properties.put(key, value);
      }
    }
  };

  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<Map<String, String>>() {
    @Override
    public Iterable<String> keys(Map<String, String> properties) {
      return properties == null ? Collections.<String>emptySet() : properties.keySet();
    }

    @Override
    public String get(Map<String, String> properties, String key) {
      return properties == null ? null : properties.get(key);
    }
  };

  private PropertiesCarrier() {}

  /** Replaces whatever context the properties held (those of a received message sent on keep it otherwise). */
  static void inject(Context context, Map<String, String> properties) {
    TextMapPropagator propagator = AgentServices.propagator();
    for (String field : propagator.fields()) {
      properties.remove(field);
    }
    propagator.inject(context, properties, SETTER);
  }

  static Context extract(Map<String, String> properties) {
    return AgentServices.propagator().extract(Context.root(), properties, GETTER);
  }
}
