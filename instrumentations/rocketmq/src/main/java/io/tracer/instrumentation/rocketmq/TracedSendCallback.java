package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;

/**
 * Runs the application's callback in the context of its send span. The hook has written that context into the
 * message before it went out, and ended the span when the broker answered, just before the callback.
 */
final class TracedSendCallback implements SendCallback {

  private final SendCallback delegate;
  private final Message message;

  TracedSendCallback(SendCallback delegate, Message message) {
    this.delegate = delegate;
    this.message = message;
  }

  @Override
  public void onSuccess(SendResult sendResult) {
    try (Scope ignored = sendContext().makeCurrent()) {
      delegate.onSuccess(sendResult);
    }
  }

  @Override
  public void onException(Throwable e) {
    try (Scope ignored = sendContext().makeCurrent()) {
      delegate.onException(e);
    }
  }

  private Context sendContext() {
    try {
      return MessageCarrier.extract(message);
    } catch (RuntimeException e) {
      return Context.current();
    }
  }
}
