package io.tracer.instrumentation.rocketmq;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.common.message.Message;

/** On {@code send(message, callback, timeout)}: see {@link AsyncSends}. */
public final class AsyncSendAdvice {

  private AsyncSendAdvice() {}

  /** @return the wrapped callback, or {@code null} to keep the one given */
  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(value = 1,
      typing = Assigner.Typing.DYNAMIC))
  public static Object enter(@Advice.This DefaultMQProducerImpl producer, @Advice.Argument(0) Message message,
      @Advice.Argument(1) SendCallback callback) {
    return AsyncSends.wrap(producer, message, callback);
  }
}
