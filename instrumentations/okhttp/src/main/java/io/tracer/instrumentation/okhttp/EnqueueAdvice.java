package io.tracer.instrumentation.okhttp;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import okhttp3.Call;
import okhttp3.Callback;

/** On {@code RealCall.enqueue}: the call runs on a dispatcher thread, so the caller's context goes with it. */
public final class EnqueueAdvice {

  private EnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(
      value = 0, typing = Assigner.Typing.DYNAMIC))
  public static Object enter(@Advice.This Call call, @Advice.Argument(0) Callback callback) {
    return AsyncCalls.enqueued(call, callback);
  }
}
