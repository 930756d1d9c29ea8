package io.tracer.instrumentation.rocketmq;

import java.util.List;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageExt;

/** Calls the application's concurrent listener inside one CONSUMER span per call. */
final class TracedConcurrentlyListener implements MessageListenerConcurrently {

  private final MessageListenerConcurrently delegate;
  private final ConsumerSpans spans;

  TracedConcurrentlyListener(MessageListenerConcurrently delegate, ConsumerSpans spans) {
    this.delegate = delegate;
    this.spans = spans;
  }

  @Override
  public ConsumeConcurrentlyStatus consumeMessage(List<MessageExt> messages, ConsumeConcurrentlyContext context) {
    ConsumerSpans.Processing processing = spans.start(messages, context.getMessageQueue());
    if (processing == null) {
      return delegate.consumeMessage(messages, context);
    }
    ConsumeConcurrentlyStatus status = null;
    Throwable thrown = null;
    try {
      status = delegate.consumeMessage(messages, context);
      return status;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      processing.end(status == null ? null : status.name(),
          status == ConsumeConcurrentlyStatus.CONSUME_SUCCESS, thrown);
    }
  }
}
