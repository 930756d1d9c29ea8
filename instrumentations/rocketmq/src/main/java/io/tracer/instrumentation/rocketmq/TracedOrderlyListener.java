package io.tracer.instrumentation.rocketmq;

import java.util.List;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyContext;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.common.message.MessageExt;

/** Calls the application's orderly listener inside one CONSUMER span per call. */
final class TracedOrderlyListener implements MessageListenerOrderly {

  private final MessageListenerOrderly delegate;
  private final ConsumerSpans spans;

  TracedOrderlyListener(MessageListenerOrderly delegate, ConsumerSpans spans) {
    this.delegate = delegate;
    this.spans = spans;
  }

  @Override
  public ConsumeOrderlyStatus consumeMessage(List<MessageExt> messages, ConsumeOrderlyContext context) {
    ConsumerSpans.Processing processing = spans.start(messages, context.getMessageQueue());
    if (processing == null) {
      return delegate.consumeMessage(messages, context);
    }
    ConsumeOrderlyStatus status = null;
    Throwable thrown = null;
    try {
      status = delegate.consumeMessage(messages, context);
      return status;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      // COMMIT and ROLLBACK belong to the deprecated transactional mode of orderly consumers
      processing.end(status == null ? null : status.name(),
          status == ConsumeOrderlyStatus.SUCCESS || status == ConsumeOrderlyStatus.COMMIT, thrown);
    }
  }
}
