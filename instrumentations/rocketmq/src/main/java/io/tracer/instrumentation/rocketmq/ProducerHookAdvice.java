package io.tracer.instrumentation.rocketmq;

import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl;

/** Registers the tracing hook on every producer as it is constructed. */
public final class ProducerHookAdvice {

  private ProducerHookAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This DefaultMQProducerImpl producer) {
    producer.registerSendMessageHook(TracingSendMessageHook.INSTANCE);
  }
}
