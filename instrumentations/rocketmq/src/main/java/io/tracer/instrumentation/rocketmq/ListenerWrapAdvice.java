package io.tracer.instrumentation.rocketmq;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.impl.consumer.DefaultMQPushConsumerImpl;

/**
 * On the constructors of the push consumer's consume services: the listener they call is wrapped there, not where
 * the application registers it, so the consumer's own getters still return the application's listener.
 */
public final class ListenerWrapAdvice {

  private ListenerWrapAdvice() {}

  /** @return the wrapped listener, or {@code null} to keep the one given */
  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(value = 1,
      typing = Assigner.Typing.DYNAMIC))
  public static Object enter(@Advice.Argument(0) DefaultMQPushConsumerImpl consumer,
      @Advice.Argument(1) Object listener) {
    if (listener instanceof TracedConcurrentlyListener || listener instanceof TracedOrderlyListener) {
      return null;
    }
    if (listener instanceof MessageListenerConcurrently && !(listener instanceof MessageListenerOrderly)) {
      return new TracedConcurrentlyListener((MessageListenerConcurrently) listener, new ConsumerSpans(consumer));
    }
    if (listener instanceof MessageListenerOrderly && !(listener instanceof MessageListenerConcurrently)) {
      return new TracedOrderlyListener((MessageListenerOrderly) listener, new ConsumerSpans(consumer));
    }
    return null;
  }
}
