package io.tracer.instrumentation.servlet.jakarta;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.servlet.ServletServerSpans;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Ends an async request's span when the container completes it, not when {@code service} returned. */
final class JakartaAsyncCompletion implements AsyncListener {

  private final ServletServerSpans<HttpServletRequest, HttpServletResponse> spans;
  private final Context context;
  private final HttpServletRequest request;
  private final HttpServletResponse response;

  JakartaAsyncCompletion(ServletServerSpans<HttpServletRequest, HttpServletResponse> spans, Context context,
      HttpServletRequest request, HttpServletResponse response) {
    this.spans = spans;
    this.context = context;
    this.request = request;
    this.response = response;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    try {
      spans.end(context, request, response, null);
    } catch (Throwable ignored) {
      // never disturb the container's completion
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    try {
      spans.markError(context, null, "timeout");
    } catch (Throwable ignored) {
      // never disturb the container's completion
    }
  }

  @Override
  public void onError(AsyncEvent event) {
    try {
      spans.markError(context, event.getThrowable(), "async_error");
    } catch (Throwable ignored) {
      // never disturb the container's completion
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    // a new async cycle drops the listeners of the previous one
    event.getAsyncContext().addListener(this);
  }
}
