package io.tracer.instrumentation.api.messaging;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The attribute names of RocketMQ spans, for both of its clients (remoting and gRPC), so that their spans read the
 * same: the messaging semantic conventions and their RocketMQ registry ({@code rocketmq.*}, formerly
 * {@code messaging.rocketmq.*}), and the few this agent adds where the conventions have no name.
 */
public final class RocketMqAttributes {

  public static final String ROCKETMQ = "rocketmq";

  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  public static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
  public static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  public static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
  public static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");
  public static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
  public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  public static final AttributeKey<String> TAG = AttributeKey.stringKey("rocketmq.message.tag");
  public static final AttributeKey<List<String>> KEYS = AttributeKey.stringArrayKey("rocketmq.message.keys");
  public static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("rocketmq.namespace");
  public static final AttributeKey<String> MESSAGE_TYPE = AttributeKey.stringKey("rocketmq.message.type");
  public static final AttributeKey<String> MESSAGE_GROUP = AttributeKey.stringKey("rocketmq.message.group");
  public static final AttributeKey<Long> DELAY_TIME_LEVEL = AttributeKey.longKey("rocketmq.message.delay_time_level");
  /** Not in the conventions: how often the broker has delivered this message again after a failed attempt. */
  public static final AttributeKey<Long> RECONSUME_TIMES = AttributeKey.longKey("rocketmq.message.reconsume_times");
  /** Not in the conventions: what the application's transaction listener answered. */
  public static final AttributeKey<String> TRANSACTION_STATE = AttributeKey.stringKey("rocketmq.transaction.state");
  /** Not in the conventions: the body, when {@code otel.rocketmq.capture-message-body} asks for it. */
  public static final AttributeKey<String> BODY = AttributeKey.stringKey("rocketmq.message.body");

  private RocketMqAttributes() {}
}
