package io.tracer.instrumentation.jedis;

import net.bytebuddy.asm.Advice;

/** {@code Connection.readProtocolWithCheckingBroken()}: one reply, or the error that came instead. */
public final class ReadReplyAdvice {

  private ReadReplyAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.This Object connection, @Advice.Thrown Throwable thrown) {
    JedisCommands.replied(connection, thrown);
  }
}
