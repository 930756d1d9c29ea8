package io.tracer.instrumentation.javahttpclient;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** What the advice of {@code send} and {@code sendAsync} does, outside the advice so that it may use lambdas. */
final class JavaHttpClientSpans {

  private static final HttpClientTracer<HttpRequest, HttpResponse<?>> TRACER =
      new HttpClientTracer<>(JavaHttpClientModule.NAME, new JavaHttpClientAccessor());

  private JavaHttpClientSpans() {}

  /**
   * Starts the span and makes it current for the call, so that the client's own nested calls add nothing.
   *
   * @return {the request to send instead, the {@link ClientCall}}, or {@code null} inside another client span
   */
  static Object[] start(HttpRequest request) {
    Context parent = Context.current();
    Context context = TRACER.start(parent, request);
    if (context == null) {
      return null;
    }
    HttpRequest propagating;
    try {
      propagating = PropagatingRequests.withPropagation(TRACER, context, request);
    } catch (Throwable uncopyable) {
      // a request the builder will not copy still goes out as the application made it, traced without headers
      propagating = request;
    }
    return new Object[] {propagating, new ClientCall(parent, context, context.makeCurrent())};
  }

  static void endSync(Object[] started, HttpResponse<?> response, Throwable thrown) {
    ClientCall call = (ClientCall) started[1];
    call.scope.close();
    TRACER.end(call.context, response, thrown);
  }

  /** @return the future the caller gets instead, or {@code null} to keep the client's own */
  static CompletableFuture<HttpResponse<?>> endAsync(Object[] started, CompletableFuture<HttpResponse<?>> future,
      Throwable thrown) {
    ClientCall call = (ClientCall) started[1];
    call.scope.close();
    if (thrown != null || future == null) {
      TRACER.end(call.context, null, thrown);
      return null;
    }
    return CallerContextFuture.of(future, call.parent, (response, error) -> TRACER.end(call.context, response, error));
  }

  private static final class ClientCall {
    final Context parent;
    final Context context;
    final Scope scope;

    ClientCall(Context parent, Context context, Scope scope) {
      this.parent = parent;
      this.context = context;
      this.scope = scope;
    }
  }
}
