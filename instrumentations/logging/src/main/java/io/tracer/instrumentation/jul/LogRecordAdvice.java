package io.tracer.instrumentation.jul;

import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.bytebuddy.asm.Advice;

/** On {@code Logger.log(LogRecord)}, which every logging method of a JUL logger ends in. */
public final class LogRecordAdvice {

  private LogRecordAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.This Logger logger, @Advice.Argument(0) LogRecord record) {
    JulRecords.correlate(logger, record);
  }
}
