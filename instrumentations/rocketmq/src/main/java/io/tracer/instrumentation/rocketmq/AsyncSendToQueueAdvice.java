package io.tracer.instrumentation.rocketmq;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;

/** On {@code send(message, queue, callback, timeout)}: see {@link AsyncSends}. */
public final class AsyncSendToQueueAdvice {

  private AsyncSendToQueueAdvice() {}

  /** @return the wrapped callback, or {@code null} to keep the one given */
  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(value = 2,
      typing = Assigner.Typing.DYNAMIC))
  public static Object enter(@Advice.This DefaultMQProducerImpl producer, @Advice.Argument(0) Message message,
      @Advice.Argument(2) SendCallback callback) {
    return AsyncSends.wrap(producer, message, callback);
  }
}
