package io.tracer.instrumentation.rocketmqgrpc;

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
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.message.MessageView;

/**
 * The CONSUMER span of one listener call of one push consumer: its message's producer span is the parent, never
 * what the consumption thread ran before. The span is current while the listener runs, and only then.
 */
final class ConsumerSpans {

  private static final Tracer TRACER = AgentServices.tracer(RocketMqGrpcModule.NAME);

  private final ClientConfiguration configuration;
  private final String consumerGroup;

  ConsumerSpans(ClientConfiguration configuration, String consumerGroup) {
    this.configuration = configuration;
    this.consumerGroup = consumerGroup;
  }

  /** @return the started span made current, or {@code null} when this call is not traced */
  Processing start(MessageView message) {
    try {
      if (message == null || RocketMqGrpcSettings.get().isIgnored(message.getTopic())) {
        return null;
      }
      String topic = message.getTopic();
      Context parent = PropertiesCarrier.extract(message.getProperties());
      SpanBuilder builder = TRACER.spanBuilder("process " + topic)
          .setSpanKind(SpanKind.CONSUMER)
          .setParent(parent)
          .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
          .setAttribute(RocketMqAttributes.DESTINATION, topic)
          .setAttribute(RocketMqAttributes.OPERATION_TYPE, "process")
          .setAttribute(RocketMqAttributes.OPERATION_NAME, "process")
          .setAttribute(RocketMqAttributes.MESSAGE_ID, String.valueOf(message.getMessageId()))
          .setAttribute(RocketMqAttributes.RECONSUME_TIMES, (long) Math.max(0, message.getDeliveryAttempt() - 1));
      if (consumerGroup != null) {
        builder.setAttribute(RocketMqAttributes.CONSUMER_GROUP, consumerGroup);
      }
      ClientSettings.describe(builder, configuration);
      Span span = builder.startSpan();
      if (span.isRecording()) {
        MessageAttributes.addMessage(span, message.getTag(), message.getKeys(), message.getMessageGroup(),
            message.getBody());
      }
      return new Processing(span, parent.with(span).makeCurrent());
    } catch (RuntimeException e) {
      AgentLog.debug("no span for a RocketMQ gRPC listener call: " + e);
      return null;
    }
  }

  /** Links to each message's context with the message's id (links are read by the sampler: given before start). */
  static void link(SpanBuilder builder, Iterable<MessageView> messages) {
    for (MessageView message : messages) {
      SpanContext producer = Span.fromContext(PropertiesCarrier.extract(message.getProperties())).getSpanContext();
      if (producer.isValid()) {
        builder.addLink(producer, Attributes.of(RocketMqAttributes.MESSAGE_ID, String.valueOf(message.getMessageId())));
      }
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

    /** @param result the listener's answer, {@code null} when it threw or answered nothing */
    void end(Object result, Throwable thrown) {
      try {
        scope.close();
        if (thrown != null) {
          MessageAttributes.recordError(span, thrown);
        } else if (result == null) {
          // the consume task takes no answer as a failure
          MessageAttributes.markError(span, "FAILURE");
        } else if (!"SUCCESS".equals(result.toString())) {
          MessageAttributes.markError(span, result.toString());
        }
        span.end();
      } catch (RuntimeException e) {
        AgentLog.debug("could not end a RocketMQ gRPC listener span: " + e);
      }
    }
  }
}
