package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.context.Context;
import org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;

/**
 * What an asynchronous send needs before it leaves the caller's thread: the send itself runs later on the
 * producer's executor, so the caller's context travels in the message (the hook reads it back there as the send
 * span's parent, then replaces it with the send span's own), and the callback is wrapped to run in the send span's
 * context.
 */
final class AsyncSends {

  private AsyncSends() {}

  /** @return the callback to use instead, or {@code null} when it stays as it is */
  static SendCallback wrap(DefaultMQProducerImpl producer, Message message, SendCallback callback) {
    if (callback == null || callback instanceof TracedSendCallback || message == null) {
      // a shorter overload has already wrapped it
      return null;
    }
    String topic = Topics.withoutNamespace(message.getTopic(), producer.getDefaultMQProducer().getNamespace());
    if (RocketMqSettings.get().isIgnored(topic)) {
      return null;
    }
    MessageCarrier.inject(Context.current(), message);
    return new TracedSendCallback(callback, message);
  }
}
