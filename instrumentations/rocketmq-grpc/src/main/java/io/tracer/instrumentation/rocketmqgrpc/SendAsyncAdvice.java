package io.tracer.instrumentation.rocketmqgrpc;

import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.apache.rocketmq.client.java.impl.ClientImpl;

/**
 * On {@code ProducerImpl.sendAsync(message)}: the message is prepared before it returns, on the caller's thread;
 * the span ends when the future completes.
 */
public final class SendAsyncAdvice {

  private SendAsyncAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This ClientImpl producer, @Advice.Argument(0) Message message) {
    return ProducerSpans.start(producer.getClientConfiguration(), message, false);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object sending, @Advice.Return CompletableFuture<SendReceipt> future,
      @Advice.Thrown Throwable thrown) {
    if (sending == null) {
      return;
    }
    Sending send = (Sending) sending;
    send.leave();
    if (future == null) {
      send.accept(null, thrown);
    } else {
      future.whenComplete(send);
    }
  }
}
