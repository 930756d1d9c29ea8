package io.tracer.instrumentation.lettuce;

import net.bytebuddy.asm.Advice;

/**
 * {@code awaitOrCancel} of the sync API: on a timeout it cancels the command, then throws
 * {@code RedisCommandTimeoutException}; that exception, not the cancellation, is what the command's span records.
 */
public final class AwaitOrCancelAdvice {

  private AwaitOrCancelAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static boolean enter() {
    return LettuceCommands.awaitStarted();
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter boolean outermost, @Advice.Thrown Throwable thrown) {
    if (outermost) {
      LettuceCommands.awaitEnded(thrown);
    }
  }
}
