package io.tracer.instrumentation.apachehttpclient;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** Handed from enter to exit advice: the span's context, current for the duration of the call. */
public final class ClientCall {

  private final Context context;
  private final Scope scope;

  public ClientCall(Context context) {
    this.context = context;
    this.scope = context.makeCurrent();
  }

  /** @return the span's context, no longer current */
  public Context close() {
    scope.close();
    return context;
  }
}
