package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import java.util.Collections;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageAccessor;

/** The trace context in a message's user properties, written by the propagators the agent is configured with. */
final class MessageCarrier {

  private static final TextMapSetter<Message> SETTER = new TextMapSetter<Message>() {
    @Override
    public void set(Message message, String key, String value) {
      if (message != null) {
        MessageAccessor.putProperty(message, key, value);
      }
    }
  };

  private static final TextMapGetter<Message> GETTER = new TextMapGetter<Message>() {
    @Override
    public Iterable<String> keys(Message message) {
      Map<String, String> properties = message.getProperties();
      return properties == null ? Collections.<String>emptySet() : properties.keySet();
    }

    @Override
    public String get(Message message, String key) {
      return message == null ? null : message.getProperty(key);
    }
  };

  private MessageCarrier() {}

  /** Replaces whatever context the message carried (a message received and sent on keeps its old one otherwise). */
  static void inject(Context context, Message message) {
    TextMapPropagator propagator = AgentServices.propagator();
    if (message.getProperties() != null) {
      for (String field : propagator.fields()) {
        MessageAccessor.clearProperty(message, field);
      }
    }
    propagator.inject(context, message, SETTER);
  }

  static Context extract(Message message) {
    return AgentServices.propagator().extract(Context.root(), message, GETTER);
  }
}
