package io.tracer.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/**
 * On driver and pool work that is not the application's statement (connecting, {@code Connection} and
 * {@code DatabaseMetaData} methods, pool validation): statements it runs internally get no span.
 */
public final class DriverWorkAdvice {

  private DriverWorkAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter() {
    JdbcNesting.DEPTH.enter();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit() {
    JdbcNesting.DEPTH.exit();
  }
}
