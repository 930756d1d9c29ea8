package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Attribute names of the messaging semantic conventions and of their RocketMQ registry, the same as the remoting
 * client's spans carry, and what every span takes from one message.
 */
final class MessageAttributes {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
  static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> TAG = AttributeKey.stringKey("rocketmq.message.tag");
  static final AttributeKey<List<String>> KEYS = AttributeKey.stringArrayKey("rocketmq.message.keys");
  static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("rocketmq.namespace");
  static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("rocketmq.message.type");
  static final AttributeKey<String> MESSAGE_GROUP = AttributeKey.stringKey("rocketmq.message.group");
  /** Not in the conventions: how often the broker has delivered this message again after a failed attempt. */
  static final AttributeKey<Long> RECONSUME_TIMES = AttributeKey.longKey("rocketmq.message.reconsume_times");
  /** Not in the conventions: the body, when {@code otel.rocketmq.capture-message-body} asks for it. */
  static final AttributeKey<String> BODY = AttributeKey.stringKey("rocketmq.message.body");

  static final String ROCKETMQ = "rocketmq";

  private MessageAttributes() {}

  /** Tag, keys, message group, body size and, when configured, the body of one message. */
  static void addMessage(Span span, Optional<String> tag, Collection<String> keys, Optional<String> messageGroup,
      ByteBuffer body) {
    if (tag.isPresent() && !tag.get().isEmpty()) {
      span.setAttribute(TAG, tag.get());
    }
    if (keys != null && !keys.isEmpty()) {
      span.setAttribute(KEYS, new ArrayList<>(keys));
    }
    if (messageGroup.isPresent()) {
      span.setAttribute(MESSAGE_GROUP, messageGroup.get());
    }
    if (body != null) {
      span.setAttribute(BODY_SIZE, (long) body.remaining());
      RocketMqGrpcSettings settings = RocketMqGrpcSettings.get();
      if (settings.captureBody()) {
        // a view of its own: the message's buffer stays where it was
        ByteBuffer view = body.duplicate();
        byte[] kept = new byte[Math.min(view.remaining(), settings.bodyMaxBytes())];
        view.get(kept);
        span.setAttribute(BODY, new String(kept, StandardCharsets.UTF_8));
      }
    }
  }

  static void recordError(Span span, Throwable error) {
    span.recordException(error);
    span.setAttribute(ERROR_TYPE, error.getClass().getName());
    span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
  }

  static void markError(Span span, String errorType) {
    span.setAttribute(ERROR_TYPE, errorType);
    span.setStatus(StatusCode.ERROR, errorType);
  }
}
