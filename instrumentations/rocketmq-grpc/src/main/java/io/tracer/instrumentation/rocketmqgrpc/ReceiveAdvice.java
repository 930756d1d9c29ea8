package io.tracer.instrumentation.rocketmqgrpc;

import java.util.List;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.java.impl.ClientImpl;

/** On {@code SimpleConsumerImpl.receive(maxMessageNum, invisibleDuration)}, which blocks for the messages. */
public final class ReceiveAdvice {

  private ReceiveAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This ClientImpl consumer) {
    return ReceiveSpans.start(consumer.getClientConfiguration(), (SimpleConsumer) consumer);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object receive, @Advice.Return List<MessageView> messages,
      @Advice.Thrown Throwable thrown) {
    if (receive != null) {
      ((ReceiveSpans) receive).accept(messages, thrown);
    }
  }
}
