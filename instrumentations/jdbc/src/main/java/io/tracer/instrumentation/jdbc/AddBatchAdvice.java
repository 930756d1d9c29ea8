package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On {@code Statement.addBatch(String)}: notes the statement for the batch's span (a wrapper's call only once). */
public final class AddBatchAdvice {

  private AddBatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.This Statement statement, @Advice.Argument(0) String sql) {
    if (JdbcNesting.DEPTH.enter() == 0) {
      JdbcSpans.get().batched(statement, sql);
    }
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit() {
    JdbcNesting.DEPTH.exit();
  }
}
