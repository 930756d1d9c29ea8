package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import io.tracer.instrumentation.apachehttpclient.ApacheHttpClientModule;
import io.tracer.instrumentation.apachehttpclient.ClientCall;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;

/** On {@code CloseableHttpClient.doExecute} of HttpClient 5 (classic): the request's headers are set before it leaves. */
public final class DoExecuteAdvice {

  private static final ApacheAccessor ACCESSOR = new ApacheAccessor();
  private static final HttpClientTracer<ApacheRequest, HttpResponse> TRACER =
      new HttpClientTracer<>(ApacheHttpClientModule.NAME, ACCESSOR);

  private DoExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request) {
    ApacheRequest exchange = new ApacheRequest(target, request);
    Context context = TRACER.start(Context.current(), exchange);
    if (context == null) {
      return null;
    }
    TRACER.inject(context, exchange, request, ACCESSOR);
    return new ClientCall(context);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object call, @Advice.Return HttpResponse response,
      @Advice.Thrown Throwable thrown) {
    if (call != null) {
      TRACER.end(((ClientCall) call).close(), response, thrown);
    }
  }
}
