package io.tracer.instrumentation.rocketmqgrpc;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.consumer.MessageListener;

/**
 * On the constructors of {@code PushConsumerImpl}: the listener it keeps, and hands to its consume service, is the
 * traced one. The application's builder and listener stay as they were.
 */
public final class ListenerWrapAdvice {

  private ListenerWrapAdvice() {}

  /** @return the wrapped listener, or {@code null} to keep the one given */
  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(value = 3,
      typing = Assigner.Typing.DYNAMIC))
  public static Object enter(@Advice.Argument(0) ClientConfiguration configuration,
      @Advice.Argument(1) String consumerGroup, @Advice.Argument(3) MessageListener listener) {
    if (listener == null || listener instanceof TracedMessageListener) {
      // a shorter constructor has already wrapped it
      return null;
    }
    return new TracedMessageListener(listener, new ConsumerSpans(configuration, consumerGroup));
  }
}
