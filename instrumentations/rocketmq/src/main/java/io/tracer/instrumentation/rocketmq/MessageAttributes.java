package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageConst;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Attribute names of the messaging semantic conventions and of their RocketMQ registry ({@code rocketmq.*},
 * formerly {@code messaging.rocketmq.*}), and what every RocketMQ span takes from one message.
 */
final class MessageAttributes {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
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
  static final AttributeKey<Long> DELAY_TIME_LEVEL = AttributeKey.longKey("rocketmq.message.delay_time_level");
  /** Not in the conventions: how often the broker has delivered this message again after a failed attempt. */
  static final AttributeKey<Long> RECONSUME_TIMES = AttributeKey.longKey("rocketmq.message.reconsume_times");
  /** Not in the conventions: what the application's transaction listener answered. */
  static final AttributeKey<String> TRANSACTION_STATE = AttributeKey.stringKey("rocketmq.transaction.state");
  /** Not in the conventions: the body, when {@code otel.rocketmq.capture-message-body} asks for it. */
  static final AttributeKey<String> BODY = AttributeKey.stringKey("rocketmq.message.body");

  static final String ROCKETMQ = "rocketmq";

  private MessageAttributes() {}

  /** Tag, keys, delay level, body size and, when configured, the body of one message. */
  static void addMessage(Span span, Message message) {
    String tags = message.getTags();
    if (tags != null && !tags.isEmpty()) {
      span.setAttribute(TAG, tags);
    }
    String keys = message.getKeys();
    if (keys != null && !keys.isEmpty()) {
      span.setAttribute(KEYS, Arrays.asList(keys.split(MessageConst.KEY_SEPARATOR)));
    }
    String delayLevel = message.getProperty(MessageConst.PROPERTY_DELAY_TIME_LEVEL);
    if (delayLevel != null) {
      try {
        span.setAttribute(DELAY_TIME_LEVEL, Long.parseLong(delayLevel));
      } catch (NumberFormatException notANumber) {
        // the broker will refuse it; nothing to record
      }
    }
    byte[] body = message.getBody();
    if (body != null) {
      span.setAttribute(BODY_SIZE, (long) body.length);
      RocketMqSettings settings = RocketMqSettings.get();
      if (settings.captureBody()) {
        span.setAttribute(BODY, new String(body, 0, Math.min(body.length, settings.bodyMaxBytes()),
            StandardCharsets.UTF_8));
      }
    }
  }

  /** The broker that stored a received message. */
  static void addBroker(Span span, MessageExt message) {
    if (message.getStoreHost() instanceof InetSocketAddress) {
      InetSocketAddress broker = (InetSocketAddress) message.getStoreHost();
      span.setAttribute(SERVER_ADDRESS, broker.getHostString());
      span.setAttribute(SERVER_PORT, (long) broker.getPort());
    }
  }

  /** {@code host:port} as RocketMQ writes broker addresses. */
  static void addServer(Span span, String address) {
    if (address == null) {
      return;
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0) {
      span.setAttribute(SERVER_ADDRESS, address);
      return;
    }
    span.setAttribute(SERVER_ADDRESS, address.substring(0, colon));
    try {
      span.setAttribute(SERVER_PORT, Long.parseLong(address.substring(colon + 1)));
    } catch (NumberFormatException notAPort) {
      // the address alone is still right
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
