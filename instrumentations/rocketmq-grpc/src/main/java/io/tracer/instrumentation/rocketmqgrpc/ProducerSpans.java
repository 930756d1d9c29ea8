package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.message.Message;

/**
 * The PRODUCER span of one send, a child of the caller's context. While the producer prepares the message on the
 * caller's thread the send's context is current and marked as such: {@link MessageCopyAdvice} writes it into the
 * producer's copy of the message then, and only then.
 */
final class ProducerSpans {

  private static final Tracer TRACER = AgentServices.tracer(RocketMqGrpcModule.NAME);
  private static final ContextKey<Boolean> SENDING = ContextKey.named("tracer-rocketmq-grpc-sending");

  private ProducerSpans() {}

  /** @return the started send, its context current, or {@code null} when this send is not traced */
  static Sending start(ClientConfiguration configuration, Message message, boolean transactional) {
    try {
      Context parent = Context.current();
      // a send method of the producer that calls another is one send
      if (message == null || parent.get(SENDING) != null
          || RocketMqGrpcSettings.get().isIgnored(message.getTopic())) {
        return null;
      }
      String topic = message.getTopic();
      SpanBuilder builder = TRACER.spanBuilder("send " + topic)
          .setSpanKind(SpanKind.PRODUCER)
          .setParent(parent)
          .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
          .setAttribute(RocketMqAttributes.DESTINATION, topic)
          .setAttribute(RocketMqAttributes.OPERATION_TYPE, "send")
          .setAttribute(RocketMqAttributes.OPERATION_NAME, "send")
          .setAttribute(RocketMqAttributes.MESSAGE_TYPE, messageType(message, transactional));
      ClientSettings.describe(builder, configuration);
      Span span = builder.startSpan();
      if (span.isRecording()) {
        MessageAttributes.addMessage(span, message.getTag(), message.getKeys(), message.getMessageGroup(),
            message.getBody());
      }
      Context context = parent.with(span).with(SENDING, Boolean.TRUE);
      return new Sending(span, context.makeCurrent());
    } catch (RuntimeException e) {
      AgentLog.debug("no span for a RocketMQ gRPC send: " + e);
      return null;
    }
  }

  /** The producer's types as {@code PublishingMessageImpl} decides them, named as the remoting spans name them. */
  private static String messageType(Message message, boolean transactional) {
    if (transactional) {
      return "transaction";
    }
    if (message.getMessageGroup().isPresent()) {
      return "fifo";
    }
    if (message.getDeliveryTimestamp().isPresent()) {
      return "delay";
    }
    return "normal";
  }

  /** The context to write into a message being prepared on this thread, or {@code null} outside a traced send. */
  static Context sendingContext() {
    Context current = Context.current();
    return current.get(SENDING) == null ? null : current;
  }
}
