package io.tracer.instrumentation.jedis;

import net.bytebuddy.asm.Advice;

/** {@code Connection.disconnect()}: what was written and not yet answered on the old socket is forgotten. */
public final class DisconnectAdvice {

  private DisconnectAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.This Object connection) {
    JedisCommands.disconnected(connection);
  }
}
