package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.Scope;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;

/**
 * Ends the async call's span when the client completes it, then runs the application's callback (if it gave one)
 * in the caller's context.
 */
final class CallerContextCallback<T> implements FutureCallback<T> {

  private final FutureCallback<T> delegate;
  private final AsyncExchange exchange;

  CallerContextCallback(FutureCallback<T> delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void completed(T result) {
    endQuietly(statusOf(result), null);
    if (delegate != null) {
      try (Scope ignored = exchange.callerContext.makeCurrent()) {
        delegate.completed(result);
      }
    }
  }

  @Override
  public void failed(Exception cause) {
    endQuietly(0, cause);
    if (delegate != null) {
      try (Scope ignored = exchange.callerContext.makeCurrent()) {
        delegate.failed(cause);
      }
    }
  }

  @Override
  public void cancelled() {
    endQuietly(0, null);
    if (delegate != null) {
      try (Scope ignored = exchange.callerContext.makeCurrent()) {
        delegate.cancelled();
      }
    }
  }

  private void endQuietly(int status, Exception cause) {
    try {
      exchange.end(status, cause);
    } catch (Throwable tracerFailure) {
      // the application's callback runs regardless
    }
  }

  /** The status of what the response consumers of HttpClient 5 produce: a response, or a message headed by one. */
  private static int statusOf(Object result) {
    if (result instanceof HttpResponse) {
      return ((HttpResponse) result).getCode();
    }
    if (result instanceof Message && ((Message<?, ?>) result).getHead() instanceof HttpResponse) {
      return ((HttpResponse) ((Message<?, ?>) result).getHead()).getCode();
    }
    return 0;
  }
}
