package io.tracer.instrumentation.methods;

import io.tracer.instrumentation.methodspan.MethodSpan;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Around a configured method: the method runs inside its span. */
public final class ConfiguredMethodAdvice {

  private ConfiguredMethodAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Origin Class<?> type, @Advice.Origin("#m") String method) {
    return ConfiguredSpans.start(type, method);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable thrown,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (span != null) {
      ((MethodSpan) span).end(thrown, returned);
    }
  }
}
