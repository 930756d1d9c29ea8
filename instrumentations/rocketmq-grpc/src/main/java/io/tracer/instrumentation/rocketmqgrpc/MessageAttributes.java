package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;

/** What every RocketMQ span takes from one message (the names: {@link RocketMqAttributes}). */
final class MessageAttributes {

  private MessageAttributes() {}

  /** Tag, keys, message group, body size and, when configured, the body of one message. */
  static void addMessage(Span span, Optional<String> tag, Collection<String> keys, Optional<String> messageGroup,
      ByteBuffer body) {
    if (tag.isPresent() && !tag.get().isEmpty()) {
      span.setAttribute(RocketMqAttributes.TAG, tag.get());
    }
    if (keys != null && !keys.isEmpty()) {
      span.setAttribute(RocketMqAttributes.KEYS, new ArrayList<>(keys));
    }
    if (messageGroup.isPresent()) {
      span.setAttribute(RocketMqAttributes.MESSAGE_GROUP, messageGroup.get());
    }
    if (body != null) {
      span.setAttribute(RocketMqAttributes.BODY_SIZE, (long) body.remaining());
      RocketMqGrpcSettings settings = RocketMqGrpcSettings.get();
      if (settings.captureBody()) {
        // a view of its own: the message's buffer stays where it was
        ByteBuffer view = body.duplicate();
        byte[] kept = new byte[Math.min(view.remaining(), settings.bodyMaxBytes())];
        view.get(kept);
        span.setAttribute(RocketMqAttributes.BODY, new String(kept, StandardCharsets.UTF_8));
      }
    }
  }

  static void recordError(Span span, Throwable error) {
    span.recordException(error);
    span.setAttribute(RocketMqAttributes.ERROR_TYPE, error.getClass().getName());
    span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
  }

  static void markError(Span span, String errorType) {
    span.setAttribute(RocketMqAttributes.ERROR_TYPE, errorType);
    span.setStatus(StatusCode.ERROR, errorType);
  }
}
