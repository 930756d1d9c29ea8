package io.tracer.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/** On {@code Connection.prepareStatement(String...)} and {@code prepareCall(String...)}: notes the statement's SQL. */
public final class PrepareStatementAdvice {

  private PrepareStatementAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
    JdbcSpans.get().prepared(statement, sql);
  }
}
