package io.tracer.instrumentation.rocketmq;

import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/** Runs the application's transaction listener inside a span per call. */
final class TracedTransactionListener implements TransactionListener {

  private final TransactionListener delegate;

  TracedTransactionListener(TransactionListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
    Object started = TransactionSpans.start("execute transaction", message);
    LocalTransactionState state = null;
    Throwable thrown = null;
    try {
      state = delegate.executeLocalTransaction(message, argument);
      return state;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      TransactionSpans.end(started, state, thrown);
    }
  }

  @Override
  public LocalTransactionState checkLocalTransaction(MessageExt message) {
    Object started = TransactionSpans.start("check transaction", message);
    LocalTransactionState state = null;
    Throwable thrown = null;
    try {
      state = delegate.checkLocalTransaction(message);
      return state;
    } catch (Throwable t) {
      thrown = t;
      throw t;
    } finally {
      TransactionSpans.end(started, state, thrown);
    }
  }
}
