package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.rocketmq.client.apis.producer.SendReceipt;

/** One traced send: its span, and the scope in which the producer prepares the message. */
final class Sending implements BiConsumer<SendReceipt, Throwable> {

  private final Span span;
  private final Scope scope;

  Sending(Span span, Scope scope) {
    this.span = span;
    this.scope = scope;
  }

  /** The caller's thread leaves the send: its context is the caller's again. */
  void leave() {
    scope.close();
  }

  /** The broker's answer, through the proxy: the receipt, or why there is none. */
  @Override
  public void accept(SendReceipt receipt, Throwable failure) {
    try {
      if (failure != null) {
        MessageAttributes.recordError(span, unwrap(failure));
      } else if (receipt != null && receipt.getMessageId() != null) {
        span.setAttribute(RocketMqAttributes.MESSAGE_ID, receipt.getMessageId().toString());
      }
      span.end();
    } catch (RuntimeException e) {
      AgentLog.debug("could not end a RocketMQ gRPC send span: " + e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    if ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      return failure.getCause();
    }
    return failure;
  }
}
