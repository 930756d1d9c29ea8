package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On {@code Statement.close()}: what was noted of the statement is forgotten with it. */
public final class StatementCloseAdvice {

  private StatementCloseAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This Statement statement) {
    JdbcSpans.get().closed(statement);
  }
}
