package io.tracer.instrumentation.httpurlconnection;

import io.opentelemetry.context.Scope;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** On {@code connect} and {@code getOutputStream}: the request may start here, before any header is sent. */
public final class RequestStartAdvice {

  private RequestStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This HttpURLConnection connection) {
    return ConnectionSpans.enter(connection);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter Object scope,
      @Advice.Thrown Throwable thrown) {
    if (scope != null) {
      ConnectionSpans.afterRequestStart(connection, (Scope) scope, thrown);
    }
  }
}
