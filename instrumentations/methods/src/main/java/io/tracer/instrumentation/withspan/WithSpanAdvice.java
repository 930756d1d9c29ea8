package io.tracer.instrumentation.withspan;

import io.tracer.instrumentation.methodspan.MethodSpan;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Around a {@code @WithSpan} method: the method runs inside its span. */
public final class WithSpanAdvice {

  private WithSpanAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Origin Class<?> type, @Advice.Origin("#m#d") String method,
      @Advice.AllArguments Object[] arguments) {
    return AnnotatedSpans.start(type, method, arguments);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object span, @Advice.Thrown Throwable thrown,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (span != null) {
      ((MethodSpan) span).end(thrown, returned);
    }
  }
}
