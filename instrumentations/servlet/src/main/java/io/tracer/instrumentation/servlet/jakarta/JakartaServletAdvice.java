package io.tracer.instrumentation.servlet.jakarta;

import io.tracer.instrumentation.servlet.ServletServerSpans;
import io.tracer.instrumentation.servlet.ServletServerSpans.ServletInvocation;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/** On {@code Servlet.service} and {@code Filter.doFilter}: whichever the request meets first starts its span. */
public final class JakartaServletAdvice {

  private static final ServletServerSpans<HttpServletRequest, HttpServletResponse> SPANS =
      new ServletServerSpans<>(new JakartaServletAccessor());

  private JakartaServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response) {
    return request instanceof HttpServletRequest && response instanceof HttpServletResponse
        ? SPANS.enter((HttpServletRequest) request, (HttpServletResponse) response)
        : null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Argument(0) ServletRequest request, @Advice.Argument(1) ServletResponse response,
      @Advice.Enter Object invocation, @Advice.Thrown Throwable thrown) {
    if (invocation != null) {
      SPANS.exit((HttpServletRequest) request, (HttpServletResponse) response, (ServletInvocation) invocation, thrown);
    }
  }
}
