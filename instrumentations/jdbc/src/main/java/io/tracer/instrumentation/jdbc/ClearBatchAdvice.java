package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On {@code Statement.clearBatch()}: the statements noted for the batch are dropped with it. */
public final class ClearBatchAdvice {

  private ClearBatchAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Statement statement) {
    JdbcSpans.get().batchCleared(statement);
  }
}
