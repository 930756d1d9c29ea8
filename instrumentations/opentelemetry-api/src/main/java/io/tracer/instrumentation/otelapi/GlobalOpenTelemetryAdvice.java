package io.tracer.instrumentation.otelapi;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * On the application's {@code GlobalOpenTelemetry.get()} (and {@code getOrNoop()}): when the application has not
 * registered an SDK of its own, the agent's.
 */
public final class GlobalOpenTelemetryAdvice {

  private GlobalOpenTelemetryAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToReturned(typing = Assigner.Typing.DYNAMIC)
  public static Object exit(@Advice.Return(typing = Assigner.Typing.DYNAMIC) Object global) {
    return BridgedOpenTelemetry.inPlaceOf(global);
  }
}
