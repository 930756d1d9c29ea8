package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On {@code Statement.execute(String...)}, {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate}. */
public final class StatementExecuteAdvice {

  private StatementExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Statement statement, @Advice.Argument(0) String sql) {
    if (JdbcNesting.DEPTH.enter() > 0) {
      return null;
    }
    return JdbcSpans.get().start(statement, sql);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
    JdbcNesting.DEPTH.exit();
    if (call != null) {
      JdbcSpans.get().end((JdbcCall) call, null, thrown);
    }
  }
}
