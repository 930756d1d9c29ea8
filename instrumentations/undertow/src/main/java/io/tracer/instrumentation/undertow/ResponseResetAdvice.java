package io.tracer.instrumentation.undertow;

import io.undertow.servlet.spec.HttpServletResponseImpl;
import net.bytebuddy.asm.Advice;

/** Around {@code HttpServletResponseImpl.reset()}: the trace id header it discards comes back at the commit. */
public final class ResponseResetAdvice {

  private ResponseResetAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This HttpServletResponseImpl response) {
    return TraceIdHeaderKeeper.traceIdOf(response);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  public static void exit(@Advice.This HttpServletResponseImpl response, @Advice.Enter Object traceId) {
    if (traceId != null) {
      TraceIdHeaderKeeper.restoreAtCommit(response, (String) traceId);
    }
  }
}
