package io.tracer.instrumentation.log4j2;

import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.Message;

/** On {@code log(level, marker, fqcn, location, message, throwable)} of Log4j's core loggers (2.13+). */
public final class LocatedLogAdvice {

  private LocatedLogAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.Argument(0) Level level, @Advice.Argument(4) Message message,
      @Advice.Argument(5) Throwable thrown) {
    Log4j2Events.record(level, message, thrown);
  }
}
