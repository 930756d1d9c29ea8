package io.tracer.instrumentation.okhttp;

import net.bytebuddy.asm.Advice;
import okhttp3.OkHttpClient;

/** On {@code OkHttpClient(Builder)}: the builder gets the tracing interceptor before the client copies its list. */
public final class ClientConstructionAdvice {

  private ClientConstructionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.Argument(0) OkHttpClient.Builder builder) {
    TracingInterceptor.addTo(builder);
  }
}
