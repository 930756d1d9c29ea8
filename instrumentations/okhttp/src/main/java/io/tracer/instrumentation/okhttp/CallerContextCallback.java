package io.tracer.instrumentation.okhttp;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/** Runs the application's callback in the context it enqueued the call in. */
final class CallerContextCallback implements Callback {

  private final Callback delegate;
  private final Context callerContext;

  CallerContextCallback(Callback delegate, Context callerContext) {
    this.delegate = delegate;
    this.callerContext = callerContext;
  }

  @Override
  public void onFailure(Call call, IOException e) {
    try (Scope ignored = callerContext.makeCurrent()) {
      delegate.onFailure(call, e);
    }
  }

  @Override
  public void onResponse(Call call, Response response) throws IOException {
    try (Scope ignored = callerContext.makeCurrent()) {
      delegate.onResponse(call, response);
    }
  }
}
