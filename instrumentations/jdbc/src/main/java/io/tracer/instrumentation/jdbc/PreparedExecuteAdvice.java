package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On the argument-less {@code execute()}, {@code executeQuery()}, ... of prepared and callable statements. */
public final class PreparedExecuteAdvice {

  private PreparedExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Statement statement) {
    if (JdbcNesting.DEPTH.enter() > 0) {
      return null;
    }
    return JdbcSpans.get().start(statement, null);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object call, @Advice.Thrown Throwable thrown) {
    JdbcNesting.DEPTH.exit();
    if (call != null) {
      JdbcSpans.get().end((JdbcCall) call, null, thrown);
    }
  }
}
