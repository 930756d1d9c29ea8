package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/** What every RocketMQ span takes from one message (the names: {@link RocketMqAttributes}). */
final class MessageAttributes {

  private MessageAttributes() {}

  /** Tag, keys, delay level, body size and, when configured, the body of one message. */
  static void addMessage(Span span, Message message) {
    String tags = message.getTags();
    if (tags != null && !tags.isEmpty()) {
      span.setAttribute(RocketMqAttributes.TAG, tags);
    }
    String keys = message.getKeys();
    if (keys != null && !keys.isEmpty()) {
      span.setAttribute(RocketMqAttributes.KEYS, Arrays.asList(keys.split(MessageConst.KEY_SEPARATOR)));
    }
    String delayLevel = message.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
    if (delayLevel != null) {
      try {
        span.setAttribute(RocketMqAttributes.DELAY_TIME_LEVEL, Long.parseLong(delayLevel));
      } catch (NumberFormatException notANumber) {
        // the broker will refuse it; nothing to record
      }
    }
    byte[] body = message.getBody();
    if (body != null) {
      span.setAttribute(RocketMqAttributes.BODY_SIZE, (long) body.length);
      RocketMqSettings settings = RocketMqSettings.get();
      if (settings.captureBody()) {
        span.setAttribute(RocketMqAttributes.BODY, new String(body, 0, Math.min(body.length, settings.bodyMaxBytes()),
            StandardCharsets.UTF_8));
      }
    }
  }

  /** The broker that stored a received message. */
  static void addBroker(Span span, MessageExt message) {
    if (message.getStoreHost() instanceof InetSocketAddress) {
      InetSocketAddress broker = (InetSocketAddress) message.getStoreHost();
      span.setAttribute(RocketMqAttributes.SERVER_ADDRESS, broker.getHostString());
      span.setAttribute(RocketMqAttributes.SERVER_PORT, (long) broker.getPort());
    }
  }

  /** {@code host:port} as RocketMQ writes broker addresses. */
  static void addServer(Span span, String address) {
    if (address == null) {
      return;
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      span.setAttribute(RocketMqAttributes.SERVER_ADDRESS, address);
      return;
    }
    span.setAttribute(RocketMqAttributes.SERVER_ADDRESS, address.substring(0, colon));
    try {
      span.setAttribute(RocketMqAttributes.SERVER_PORT, Long.parseLong(address.substring(colon + 1)));
    } catch (NumberFormatException notAPort) {
      // the address alone is still right
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
