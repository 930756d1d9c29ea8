package io.tracer.instrumentation.rocketmqgrpc;

import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.MessageListener;
import org.apache.rocketmq.client.apis.message.MessageView;

/** Calls the application's listener inside one CONSUMER span per message. */
final class TracedMessageListener implements MessageListener {

  private final MessageListener delegate;
  private final ConsumerSpans spans;

  TracedMessageListener(MessageListener delegate, ConsumerSpans spans) {
    this.delegate = delegate;
    this.spans = spans;
  }

  @Override
  public ConsumeResult consume(MessageView message) {
    ConsumerSpans.Processing processing = spans.start(message);
    if (processing == null) {
      return delegate.consume(message);
    }
    ConsumeResult result = null;
    Throwable thrown = null;
    try {
      result = delegate.consume(message);
      return result;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      processing.end(result, thrown);
    }
  }
}
