package io.tracer.instrumentation.jedis;

import net.bytebuddy.asm.Advice;

/** {@code sync}/{@code syncAndReturnAll} of pipelines, {@code exec}/{@code discard} of transactions. */
public final class BatchAdvice {

  private BatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.Origin("#m") String method) {
    JedisBatch.enter(method);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Thrown Throwable thrown) {
    JedisBatch.exit(thrown);
  }
}
