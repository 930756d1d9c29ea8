package io.tracer.instrumentation.rocketmq;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.rocketmq.client.producer.TransactionListener;

/**
 * On {@code DefaultMQProducerImpl.getCheckListener()}, where the producer fetches the application's transaction
 * listener both to execute a local transaction and to answer the broker's check: what it gets is wrapped, what
 * the application's own {@code getTransactionListener()} returns is not.
 */
public final class CheckListenerAdvice {

  private CheckListenerAdvice() {}

  /** @return the wrapped listener, or {@code null} to keep the one returned */
  @Advice.OnMethodExit(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToReturned(typing = Assigner.Typing.DYNAMIC)
  public static Object exit(@Advice.Return TransactionListener listener) {
    return listener == null || listener instanceof TracedTransactionListener
        ? null : new TracedTransactionListener(listener);
  }
}
