package io.tracer.instrumentation.log4j2;

import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.Message;

/** On {@code logMessage(fqcn, level, marker, message, throwable)} of Log4j's core loggers. */
public final class LogMessageAdvice {

  private LogMessageAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.Argument(1) Level level, @Advice.Argument(3) Message message,
      @Advice.Argument(4) Throwable thrown) {
    Log4j2Events.record(level, message, thrown);
  }
}
