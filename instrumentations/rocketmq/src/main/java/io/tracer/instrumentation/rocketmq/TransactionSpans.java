package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.messaging.RocketMqAttributes;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.common.message.Message;

/**
 * The application's side of a transactional message: executing the local transaction right after the half
 * message was sent, and the broker's later check of it. Both are children of the half message's send span,
 * whose context the message carries.
 */
final class TransactionSpans {

  private static final Tracer TRACER = AgentServices.tracer("rocketmq");

  private TransactionSpans() {}

  /** @return what {@link #end} needs, or {@code null} when this call is not traced */
  static Object start(String operation, Message message) {
    try {
      return startSpan(operation, message);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Object startSpan(String operation, Message message) {
    Context current = Context.current();
    if (message == null || RocketMqSettings.get().isIgnored(message.getTopic())) {
      return null;
    }
    String topic = message.getTopic();
    Context parent = MessageCarrier.extract(message);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      parent = current;
    }
    Span span = TRACER.spanBuilder(operation + " " + topic)
        .setSpanKind(SpanKind.INTERNAL)
        .setParent(parent)
        .setAttribute(RocketMqAttributes.SYSTEM, RocketMqAttributes.ROCKETMQ)
        .setAttribute(RocketMqAttributes.DESTINATION, topic)
        .startSpan();
    return new Callback(span, parent.with(span).makeCurrent());
  }

  static void end(Object started, Object state, Throwable thrown) {
    if (!(started instanceof Callback)) {
      return;
    }
    Callback callback = (Callback) started;
    try {
      callback.scope.close();
      if (thrown != null) {
        MessageAttributes.recordError(callback.span, thrown);
      } else if (state instanceof LocalTransactionState) {
        callback.span.setAttribute(RocketMqAttributes.TRANSACTION_STATE, ((LocalTransactionState) state).name());
      }
      callback.span.end();
    } catch (RuntimeException e) {
      AgentLog.debug("could not end a RocketMQ transaction span: " + e);
    }
  }

  private static final class Callback {
    final Span span;
    final Scope scope;

    Callback(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }
}
