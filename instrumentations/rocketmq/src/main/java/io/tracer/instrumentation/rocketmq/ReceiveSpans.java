package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A {@code receive} span for a poll that returned messages: a child of whatever the polling code runs in, linked
 * to each message's context. An empty poll leaves no span (a polling loop would otherwise fill the trace store).
 */
final class ReceiveSpans {

  private static final Tracer TRACER = AgentServices.tracer("rocketmq");

  private ReceiveSpans() {}

  static long now() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  static void record(String consumerGroup, List<MessageExt> messages, long startEpochNanos) {
    if (messages == null || messages.isEmpty()) {
      return;
    }
    MessageExt first = messages.get(0);
    String topic = first.getTopic();
    if (RocketMqSettings.get().isIgnored(topic)) {
      return;
    }
    SpanBuilder builder = TRACER.spanBuilder("receive " + topic)
        .setSpanKind(SpanKind.CONSUMER)
        .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
        .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
        .setAttribute(RocketMqAttributes.DESTINATION, topic)
        .setAttribute(RocketMqAttributes.OPERATION_TYPE, "receive")
        .setAttribute(RocketMqAttributes.OPERATION_NAME, "receive")
        .setAttribute(RocketMqAttributes.BATCH_COUNT, (long) messages.size());
    ConsumerSpans.link(builder, messages);
    Span span = builder.startSpan();
    if (span.isRecording()) {
      if (consumerGroup != null) {
        span.setAttribute(RocketMqAttributes.CONSUMER_GROUP, consumerGroup);
      }
      span.setAttribute(RocketMqAttributes.PARTITION, String.valueOf(first.getQueueId()));
      MessageAttributes.addBroker(span, first);
    }
    span.end(now(), TimeUnit.NANOSECONDS);
  }
}
