package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.rocketmq.client.hook.SendMessageContext;
import org.apache.rocketmq.client.hook.SendMessageHook;
import org.apache.rocketmq.client.impl.CommunicationMode;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;
import org.apache.rocketmq.common.message.MessageType;

/**
 * One PRODUCER span per attempt to send to a broker: started just before the request is encoded (so the
 * message's properties still take the context), ended when the broker answers, or at once for oneway sends.
 */
final class TracingSendMessageHook implements SendMessageHook {

  static final TracingSendMessageHook INSTANCE = new TracingSendMessageHook();

  private final Tracer tracer = AgentServices.tracer("rocketmq");
  /**
   * The spans of sends awaiting their answer. The send's own context object is the key (weakly: a send the
   * library abandons leaves nothing behind); the built-in trace hooks use its one free field.
   */
  private final Map<SendMessageContext, Span> pending =
      Collections.synchronizedMap(new WeakHashMap<SendMessageContext, Span>());

  private TracingSendMessageHook() {}

  @Override
  public String hookName() {
    return "tracer";
  }

  @Override
  public void sendMessageBefore(SendMessageContext send) {
    Message message = send.getMessage();
    if (message == null) {
      return;
    }
    String topic = Topics.withoutNamespace(message.getTopic(), send.getNamespace());
    if (RocketMqSettings.get().isIgnored(topic)) {
      return;
    }
    Context parent = Context.current();
    if (send.getCommunicationMode() == CommunicationMode.ASYNC) {
      // written on the caller's thread by AsyncSends: this runs on the producer's executor
      Context caller = MessageCarrier.extract(message);
      if (Span.fromContext(caller).getSpanContext().isValid()) {
        parent = caller;
      }
    }
    Span span = tracer.spanBuilder("send " + topic)
        .setSpanKind(SpanKind.PRODUCER)
        .setParent(parent)
        .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
        .setAttribute(RocketMqAttributes.DESTINATION, topic)
        .setAttribute(RocketMqAttributes.OPERATION_TYPE, "send")
        .setAttribute(RocketMqAttributes.OPERATION_NAME, "send")
        .startSpan();
    Context context = parent.with(span);
    if (message instanceof MessageBatch) {
      injectIntoBatch(context, (MessageBatch) message);
    }
    MessageCarrier.inject(context, message);
    if (span.isRecording()) {
      describe(span, send, message);
      pending.put(send, span);
    }
  }

  /** A batch went out as one body encoded from its messages: each takes the context, then the body again. */
  private static void injectIntoBatch(Context context, MessageBatch batch) {
    for (Message message : batch) {
      MessageCarrier.inject(context, message);
    }
    batch.setBody(batch.encode());
  }

  private static void describe(Span span, SendMessageContext send, Message message) {
    String namespace = send.getNamespace();
    if (namespace != null && !namespace.isEmpty()) {
      span.setAttribute(RocketMqAttributes.NAMESPACE, namespace);
    }
    if (send.getMq() != null) {
      span.setAttribute(RocketMqAttributes.PARTITION, String.valueOf(send.getMq().getQueueId()));
    }
    MessageAttributes.addServer(span, send.getBrokerAddr());
    span.setAttribute(RocketMqAttributes.MESSAGE_TYPE, messageType(send.getMsgType()));
    if (message instanceof MessageBatch) {
      long count = 0;
      for (Message ignored : (MessageBatch) message) {
        count++;
      }
      span.setAttribute(RocketMqAttributes.BATCH_COUNT, count);
    } else {
      MessageAttributes.addMessage(span, message);
    }
  }

  private static String messageType(MessageType type) {
    if (type == null) {
      return "normal";
    }
    String name = type.name();
    if (name.equals("Trans_Msg_Half")) {
      return "transaction";
    }
    if (name.equals("Delay_Msg")) {
      return "delay";
    }
    if (name.equals("Order_Msg")) {
      return "fifo";
    }
    return "normal";
  }

  @Override
  public void sendMessageAfter(SendMessageContext send) {
    Span span = pending.get(send);
    if (span == null) {
      return;
    }
    SendResult result = send.getSendResult();
    Exception exception = send.getException();
    if (send.getCommunicationMode() == CommunicationMode.ASYNC && result == null && exception == null) {
      // the request is on its way; the library calls again when the broker answers
      return;
    }
    if (pending.remove(send) == null) {
      return;
    }
    if (exception != null) {
      MessageAttributes.recordError(span, exception);
    } else if (result != null) {
      if (!(send.getMessage() instanceof MessageBatch) && result.getMsgId() != null) {
        span.setAttribute(RocketMqAttributes.MESSAGE_ID, result.getMsgId());
      }
      if (result.getSendStatus() != SendStatus.SEND_OK) {
        MessageAttributes.markError(span, String.valueOf(result.getSendStatus()));
      }
    }
    span.end();
  }
}
