package io.tracer.instrumentation.rocketmqgrpc;

import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.apache.rocketmq.client.java.impl.ClientImpl;

/** On {@code ProducerImpl.send(message)}: the send blocks until the broker has answered. */
public final class SendAdvice {

  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This ClientImpl producer, @Advice.Argument(0) Message message) {
    return ProducerSpans.start(producer.getClientConfiguration(), message, false);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object sending, @Advice.Return Object receipt,
      @Advice.Thrown Throwable thrown) {
    if (sending != null) {
      ((Sending) sending).leave();
      ((Sending) sending).accept(receipt instanceof SendReceipt ? (SendReceipt) receipt : null, thrown);
    }
  }
}
