package io.tracer.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** On {@code executeBatch()} and {@code executeLargeBatch()}: one span for the batch, its size from the result. */
public final class BatchExecuteAdvice {

  private BatchExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Statement statement) {
    if (JdbcNesting.DEPTH.enter() > 0) {
      return null;
    }
    return JdbcSpans.get().startBatch(statement);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object call, @Advice.Return Object counts, @Advice.Thrown Throwable thrown) {
    JdbcNesting.DEPTH.exit();
    if (call != null) {
      JdbcSpans.get().end((JdbcCall) call, counts, thrown);
    }
  }
}
