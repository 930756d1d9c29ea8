package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;

/**
 * A {@code receive} span for one receive of a simple consumer that returned messages: a child of the receiving
 * code's context, linked to each message's context. An empty receive leaves no span (a polling loop would fill the
 * trace store), as the remoting client's polls do.
 */
final class ReceiveSpans implements BiConsumer<List<MessageView>, Throwable> {

  private static final Tracer TRACER = AgentServices.tracer(RocketMqGrpcModule.NAME);

  private final ClientConfiguration configuration;
  private final String consumerGroup;
  private final Context parent;
  private final long startEpochNanos;

  private ReceiveSpans(ClientConfiguration configuration, String consumerGroup) {
    this.configuration = configuration;
    this.consumerGroup = consumerGroup;
    this.parent = Context.current();
    this.startEpochNanos = now();
  }

  /** Taken where the receive starts, on the receiving code's thread. */
  static ReceiveSpans start(ClientConfiguration configuration, SimpleConsumer consumer) {
    return new ReceiveSpans(configuration, consumer.getConsumerGroup());
  }

  private static long now() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  /** The receive's outcome: a span for the messages, nothing for none. */
  @Override
  public void accept(List<MessageView> messages, Throwable failure) {
    try {
      if (messages == null || messages.isEmpty()) {
        return;
      }
      String topic = messages.get(0).getTopic();
      if (RocketMqGrpcSettings.get().isIgnored(topic)) {
        return;
      }
      SpanBuilder builder = TRACER.spanBuilder("receive " + topic)
          .setSpanKind(SpanKind.CONSUMER)
          .setParent(parent)
          .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
          .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
          .setAttribute(RocketMqAttributes.DESTINATION, topic)
          .setAttribute(RocketMqAttributes.OPERATION_TYPE, "receive")
          .setAttribute(RocketMqAttributes.OPERATION_NAME, "receive")
          .setAttribute(RocketMqAttributes.BATCH_COUNT, (long) messages.size());
      if (consumerGroup != null) {
        builder.setAttribute(RocketMqAttributes.CONSUMER_GROUP, consumerGroup);
      }
      ClientSettings.describe(builder, configuration);
      ConsumerSpans.link(builder, messages);
      builder.startSpan().end(now(), TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      AgentLog.debug("no span for a RocketMQ gRPC receive: " + e);
    }
  }
}
