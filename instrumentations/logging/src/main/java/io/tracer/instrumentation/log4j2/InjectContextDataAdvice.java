package io.tracer.instrumentation.log4j2;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.logs.LogContext;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.util.StringMap;

/**
 * On {@code ContextDataInjector.injectContextData}, called on the logging thread for every event: its result gets
 * the trace ids. A frozen result (a thread context snapshot shared by events) is copied, never changed.
 */
public final class InjectContextDataAdvice {

  private InjectContextDataAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToReturned(typing = Assigner.Typing.DYNAMIC)
  public static Object exit(@Advice.Return StringMap contextData) {
    String[] entries = LogContext.entries(Context.current());
    if (entries == null || contextData == null) {
      return null;
    }
    boolean frozen = contextData.isFrozen();
    StringMap result = contextData;
    if (frozen) {
      result = ContextDataFactory.createContextData(contextData.size() + entries.length / 2);
      result.putAll(contextData);
    }
    for (int i = 0; i < entries.length; i += 2) {
      // what the application put in its thread context itself is its own choice
      if (!result.containsKey(entries[i])) {
        result.putValue(entries[i], entries[i + 1]);
      }
    }
    if (frozen) {
      result.freeze();
    }
    return result;
  }
}
