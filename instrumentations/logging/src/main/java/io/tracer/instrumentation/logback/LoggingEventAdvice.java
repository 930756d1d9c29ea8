package io.tracer.instrumentation.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import net.bytebuddy.asm.Advice;

/** On the constructor of {@code LoggingEvent} that loggers call. */
public final class LoggingEventAdvice {

  private LoggingEventAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This LoggingEvent event) {
    LogbackEvents.correlate(event);
  }
}
