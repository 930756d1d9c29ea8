package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.context.Context;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.apache.rocketmq.client.java.message.MessageImpl;
import org.apache.rocketmq.client.java.message.PublishingMessageImpl;

/**
 * On the constructor of {@code MessageImpl} that copies a message, which only {@code PublishingMessageImpl} calls:
 * the producer's own copy, encoded for every attempt. Its properties are a map of its own (the application's
 * {@code MessageImpl} hands out copies), so the context written there never reaches the application's message.
 */
public final class MessageCopyAdvice {

  private MessageCopyAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Object copy, @Advice.Argument(0) Object original,
      @Advice.FieldValue("properties") Map<String, String> properties) {
    if (!(copy instanceof PublishingMessageImpl) || !(original instanceof MessageImpl) || properties == null) {
      return;
    }
    Context sending = ProducerSpans.sendingContext();
    if (sending != null) {
      PropertiesCarrier.inject(sending, properties);
    }
  }
}
