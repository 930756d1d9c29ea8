package io.tracer.instrumentation.javahttpclient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** On {@code HttpClientImpl.send}: the span covers the blocking call; the request goes out with the headers. */
public final class SendAdvice {

  private SendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  @Advice.AssignReturned.ToArguments(@Advice.AssignReturned.ToArguments.ToArgument(
      value = 0, index = 0, typing = Assigner.Typing.DYNAMIC))
  public static Object[] enter(@Advice.Argument(0) HttpRequest request) {
    return JavaHttpClientSpans.start(request);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object[] started, @Advice.Return HttpResponse<?> response,
      @Advice.Thrown Throwable thrown) {
    if (started != null) {
      JavaHttpClientSpans.endSync(started, response, thrown);
    }
  }
}
