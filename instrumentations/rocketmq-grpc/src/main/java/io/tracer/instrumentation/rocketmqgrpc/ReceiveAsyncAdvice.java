package io.tracer.instrumentation.rocketmqgrpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.java.impl.ClientImpl;

/** On {@code SimpleConsumerImpl.receiveAsync(maxMessageNum, invisibleDuration)}: the span when the future completes. */
public final class ReceiveAsyncAdvice {

  private ReceiveAsyncAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This ClientImpl consumer) {
    return ReceiveSpans.start(consumer.getClientConfiguration(), (SimpleConsumer) consumer);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object receive,
      @Advice.Return CompletableFuture<List<MessageView>> messages) {
    if (receive != null && messages != null) {
      messages.whenComplete((ReceiveSpans) receive);
    }
  }
}
