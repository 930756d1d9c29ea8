package io.tracer.instrumentation.quartz;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import java.util.Collection;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.quartz.Trigger;

/**
 * On {@code JobStore.storeTrigger}, {@code storeJobAndTrigger}, {@code replaceTrigger} and
 * {@code storeJobsAndTriggers}: a trigger scheduled inside a trace carries that trace's context in its data.
 * Before the store copies or serializes the trigger, so the copy carries it too.
 */
public final class TriggerStoredAdvice {

  private TriggerStoredAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.AllArguments Object[] arguments) {
    Context context = Context.current();
    if (context == Context.root()) {
      return;
    }
    for (Object argument : arguments) {
      if (argument instanceof Trigger) {
        carry(context, (Trigger) argument);
      } else if (argument instanceof Map) {
        for (Object triggers : ((Map<?, ?>) argument).values()) {
          if (triggers instanceof Collection) {
            for (Object trigger : (Collection<?>) triggers) {
              if (trigger instanceof Trigger) {
                carry(context, (Trigger) trigger);
              }
            }
          }
        }
      }
    }
  }

  private static void carry(Context context, Trigger trigger) {
    AgentServices.propagator().inject(context, trigger.getJobDataMap(), TriggerDataCarrier.INSTANCE);
  }
}
