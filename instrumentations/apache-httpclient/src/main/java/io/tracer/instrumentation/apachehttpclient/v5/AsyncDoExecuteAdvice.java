package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;

/**
 * On {@code CloseableHttpAsyncClient.doExecute} of HttpClient 5: the request producer and the callback are
 * replaced by tracing ones, which start the span when the request leaves and end it when the call completes.
 */
public final class AsyncDoExecuteAdvice {

  private AsyncDoExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments({
      @Advice.AssignReturned.ToArguments.ToArgument(value = 1, index = 0, typing = Assigner.Typing.DYNAMIC),
      @Advice.AssignReturned.ToArguments.ToArgument(value = 5, index = 1, typing = Assigner.Typing.DYNAMIC)})
  public static Object[] enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) AsyncRequestProducer producer,
      @Advice.Argument(5) FutureCallback<?> callback) {
    Context caller = Context.current();
    if (producer == null || producer instanceof TracingRequestProducer || HttpClientTracer.isInClientRequest(caller)) {
      return null;
    }
    AsyncExchange exchange = new AsyncExchange(target, caller);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object tracingCallback = new CallerContextCallback(callback, exchange);
    return new Object[] {new TracingRequestProducer(producer, exchange), tracingCallback};
  }
}
