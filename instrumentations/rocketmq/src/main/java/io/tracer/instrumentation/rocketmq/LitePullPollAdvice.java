package io.tracer.instrumentation.rocketmq;

import java.util.List;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.impl.consumer.DefaultLitePullConsumerImpl;
import org.apache.rocketmq.common.message.MessageExt;

/** On {@code DefaultLitePullConsumerImpl.poll(long)}, which every {@code poll} of a lite pull consumer reaches. */
public final class LitePullPollAdvice {

  private LitePullPollAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static long enter() {
    return ReceiveSpans.now();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This DefaultLitePullConsumerImpl consumer, @Advice.Enter long startEpochNanos,
      @Advice.Return List<MessageExt> messages) {
    ReceiveSpans.record(consumer.groupName(), messages, startEpochNanos);
  }
}
