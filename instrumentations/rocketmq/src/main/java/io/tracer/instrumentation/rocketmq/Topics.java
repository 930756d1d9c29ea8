package io.tracer.instrumentation.rocketmq;

/** Topic names as the application wrote them. */
final class Topics {

  /** Between a namespace and the name in a namespaced topic ({@code NamespaceUtil} moved between 4.9 and 5.0). */
  private static final char NAMESPACE_SEPARATOR = '%';

  private Topics() {}

  static String withoutNamespace(String topic, String namespace) {
    if (topic == null || namespace == null || namespace.isEmpty()) {
      return topic;
    }
    if (topic.length() > namespace.length() && topic.startsWith(namespace)
        && topic.charAt(namespace.length()) == NAMESPACE_SEPARATOR) {
      return topic.substring(namespace.length() + 1);
    }
    return topic;
  }
}
