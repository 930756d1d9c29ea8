package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.util.List;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;

/**
 * The CONSUMER span of one listener call of one push consumer. One message: its producer's span is the parent.
 * Several: a new trace, linked to each message's context with the message's id on the link. The span is current
 * while the listener runs, and only then.
 */
final class ConsumerSpans {

  private static final Tracer TRACER = AgentServices.tracer("rocketmq");

  private final DefaultMQPushConsumerImpl consumer;

  ConsumerSpans(DefaultMQPushConsumerImpl consumer) {
    this.consumer = consumer;
  }

  /** @return the started span made current, or {@code null} when this call is not traced */
  Processing start(List<MessageExt> messages, MessageQueue queue) {
    try {
      if (messages == null || messages.isEmpty()) {
        return null;
      }
      MessageExt first = messages.get(0);
      String topic = first.getTopic();
      if (RocketMqSettings.get().isIgnored(topic)) {
        return null;
      }
      SpanBuilder builder = TRACER.spanBuilder("process " + topic)
          .setSpanKind(SpanKind.CONSUMER)
          .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
          .setAttribute(RocketMqAttributes.DESTINATION, topic)
          .setAttribute(RocketMqAttributes.OPERATION_TYPE, "process")
          .setAttribute(RocketMqAttributes.OPERATION_NAME, "process");
      Context parent = Context.root();
      if (messages.size() == 1) {
        parent = MessageCarrier.extract(first);
      } else {
        builder.setAttribute(RocketMqAttributes.BATCH_COUNT, (long) messages.size());
        link(builder, messages);
      }
      Span span = builder.setParent(parent).startSpan();
      if (span.isRecording()) {
        describe(span, messages, queue);
      }
      Context context = parent.with(span);
      return new Processing(span, context.makeCurrent());
    } catch (RuntimeException e) {
      AgentLog.debug("no span for a RocketMQ listener call: " + e);
      return null;
    }
  }

  /** Links to every message's context (links are read by the sampler, so they are given before the start). */
  static void link(SpanBuilder builder, List<MessageExt> messages) {
    for (MessageExt message : messages) {
      SpanContext producer = Span.fromContext(MessageCarrier.extract(message)).getSpanContext();
      if (producer.isValid()) {
        builder.addLink(producer, Attributes.of(RocketMqAttributes.MESSAGE_ID, message.getMsgId()));
      }
    }
  }

  private void describe(Span span, List<MessageExt> messages, MessageQueue queue) {
    DefaultMQPushConsumer settings = consumer.getDefaultMQPushConsumer();
    String namespace = settings.getNamespace();
    if (namespace != null && !namespace.isEmpty()) {
      span.setAttribute(RocketMqAttributes.NAMESPACE, namespace);
    }
    span.setAttribute(RocketMqAttributes.CONSUMER_GROUP, Topics.withoutNamespace(settings.getConsumerGroup(), namespace));
    if (queue != null) {
      span.setAttribute(RocketMqAttributes.PARTITION, String.valueOf(queue.getQueueId()));
    }
    MessageExt first = messages.get(0);
    MessageAttributes.addBroker(span, first);
    if (messages.size() == 1) {
      span.setAttribute(RocketMqAttributes.MESSAGE_ID, first.getMsgId());
      span.setAttribute(RocketMqAttributes.RECONSUME_TIMES, (long) first.getReconsumeTimes());
      MessageAttributes.addMessage(span, first);
    }
  }

  /** One traced listener call. */
  static final class Processing {
    private final Span span;
    private final Scope scope;

    Processing(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }

    /**
     * @param status the listener's answer, {@code null} when it threw or answered nothing
     * @param processed whether the answer says the messages are done with
     */
    void end(String status, boolean processed, Throwable thrown) {
      try {
        scope.close();
        if (thrown != null) {
          MessageAttributes.recordError(span, thrown);
        } else if (status == null) {
          // the library treats no answer as RECONSUME_LATER
          MessageAttributes.markError(span, "RECONSUME_LATER");
        } else if (!processed) {
          MessageAttributes.markError(span, status);
        }
        span.end();
      } catch (RuntimeException e) {
        AgentLog.debug("could not end a RocketMQ listener span: " + e);
      }
    }
  }
}
