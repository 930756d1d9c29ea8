package io.tracer.instrumentation.otelapi;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** On the application's {@code ContextStorage.get()}: the agent's context is the storage. */
public final class ContextStorageAdvice {

  private ContextStorageAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToReturned(typing = Assigner.Typing.DYNAMIC)
  public static Object exit() {
    return BridgedContextStorage.instance();
  }
}
