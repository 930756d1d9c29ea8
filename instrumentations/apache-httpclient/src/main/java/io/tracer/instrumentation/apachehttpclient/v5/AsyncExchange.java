package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import io.tracer.instrumentation.apachehttpclient.ApacheHttpClientModule;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;

/**
 * One call of the async client: its span starts when the request producer hands the request over (on the
 * caller's thread, inside {@code doExecute}), and ends when the client completes the call, on an I/O thread.
 */
final class AsyncExchange {

  static final ApacheAccessor ACCESSOR = new ApacheAccessor();
  static final HttpClientTracer<ApacheRequest, HttpResponse> TRACER =
      new HttpClientTracer<>(ApacheHttpClientModule.NAME, ACCESSOR);

  final HttpHost target;
  final Context callerContext;
  private volatile Context spanContext;

  AsyncExchange(HttpHost target, Context callerContext) {
    this.target = target;
    this.callerContext = callerContext;
  }

  /** @return the span's context, or {@code null} when this exchange already has a span (a resent request) */
  Context start(ApacheRequest request) {
    if (spanContext != null) {
      return null;
    }
    Context context = TRACER.start(callerContext, request);
    spanContext = context;
    return context;
  }

  void end(int status, Throwable error) {
    Context context = spanContext;
    spanContext = null;
    if (context != null) {
      TRACER.endWithStatus(context, status, error);
    }
  }
}
