package io.tracer.instrumentation.lettuce;

import io.lettuce.core.protocol.RedisCommand;
import net.bytebuddy.asm.Advice;

/** {@code RedisChannelHandler.dispatch(RedisCommand)}: every command of the sync, async and reactive APIs. */
public final class DispatchAdvice {

  private DispatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object connection, @Advice.Argument(0) RedisCommand<?, ?, ?> command) {
    if (!LettuceCommands.enter()) {
      return null;
    }
    return LettuceCommands.trace(connection, command);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object completion, @Advice.Thrown Throwable thrown) {
    LettuceCommands.exit();
    if (thrown != null && completion instanceof LettuceCommands.Completion) {
      ((LettuceCommands.Completion) completion).failed(thrown);
    }
  }
}
