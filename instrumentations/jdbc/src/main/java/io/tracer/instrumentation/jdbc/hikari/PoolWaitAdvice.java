package io.tracer.instrumentation.jdbc.hikari;

import com.zaxxer.hikari.HikariDataSource;
import io.opentelemetry.api.trace.Span;
import net.bytebuddy.asm.Advice;

/** On {@code HikariDataSource.getConnection()}, when pool-wait spans are switched on. */
public final class PoolWaitAdvice {

  private PoolWaitAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This HikariDataSource dataSource) {
    return PoolWaitSpans.start(dataSource.getPoolName());
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable thrown) {
    if (span != null) {
      PoolWaitSpans.end((Span) span, thrown);
    }
  }
}
