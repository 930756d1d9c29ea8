package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.trace.SpanBuilder;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.lang.reflect.Method;
import org.apache.rocketmq.client.apis.ClientConfiguration;

/** What every span takes from the client's configuration: the proxy it talks to and its namespace. */
final class ClientSettings {

  /** {@code getNamespace()} is not in 5.0.0 (it came later in the 5.0 line): such clients have no namespace. */
  private static final Method NAMESPACE = namespaceGetter();

  private ClientSettings() {}

  private static Method namespaceGetter() {
    try {
      return ClientConfiguration.class.getMethod("getNamespace");
    } catch (NoSuchMethodException absentInThisVersion) {
      return null;
    }
  }

  static String namespace(ClientConfiguration configuration) {
    if (NAMESPACE == null || configuration == null) {
      return null;
    }
    try {
      Object namespace = NAMESPACE.invoke(configuration);
      return namespace instanceof String && !((String) namespace).isEmpty() ? (String) namespace : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** The namespace, and the first of the endpoints ({@code host:port;host:port}, maybe with a scheme). */
  static void describe(SpanBuilder span, ClientConfiguration configuration) {
    if (configuration == null) {
      return;
    }
    String namespace = namespace(configuration);
    if (namespace != null) {
      span.setAttribute(RocketMqAttributes.NAMESPACE, namespace);
    }
    String endpoints = configuration.getEndpoints();
    if (endpoints == null || endpoints.isEmpty()) {
      return;
    }
    int separator = endpoints.indexOf(';');
    String first = separator < 0 ? endpoints : endpoints.substring(0, separator);
    int scheme = first.indexOf("://");
    if (scheme >= 0) {
      first = first.substring(scheme + 3);
    }
    int colon = first.lastIndexOf(':');
    if (colon <= 0) {
      span.setAttribute(RocketMqAttributes.SERVER_ADDRESS, first);
      return;
    }
    span.setAttribute(RocketMqAttributes.SERVER_ADDRESS, first.substring(0, colon));
    try {
      span.setAttribute(RocketMqAttributes.SERVER_PORT, Long.parseLong(first.substring(colon + 1)));
    } catch (NumberFormatException notAPort) {
      // the address alone is still right
    }
  }
}
