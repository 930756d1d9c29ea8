package io.tracer.instrumentation.servlet;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.http.HttpServerTracer;

/**
 * One SERVER span per request, however many filters, servlets, forwards and async dispatches it passes: the
 * span's context is kept as a request attribute, and every invocation after the first only makes it current.
 */
public final class ServletServerSpans<REQUEST, RESPONSE> {

  static final String CONTEXT_ATTRIBUTE = "io.tracer.server.context";
  private static final Object IGNORED = "io.tracer.server.ignored";

  private final ServletAccessor<REQUEST, RESPONSE> accessor;
  private final HttpServerTracer<REQUEST, RESPONSE> tracer;

  public ServletServerSpans(ServletAccessor<REQUEST, RESPONSE> accessor) {
    this.accessor = accessor;
    this.tracer = new HttpServerTracer<>("servlet", accessor);
  }

  /** @return what {@link #exit} needs, or {@code null} when this invocation has nothing to do */
  public ServletInvocation enter(REQUEST request, RESPONSE response) {
    Object existing = accessor.getAttribute(request, CONTEXT_ATTRIBUTE);
    if (existing == IGNORED) {
      return null;
    }
    if (existing instanceof Context) {
      Context requestContext = (Context) existing;
      if (Span.fromContext(Context.current()) == Span.fromContext(requestContext)) {
        return null;
      }
      return new ServletInvocation(requestContext, requestContext.makeCurrent(), false);
    }
    if (tracer.isIgnored(request)) {
      accessor.setAttribute(request, CONTEXT_ATTRIBUTE, IGNORED);
      return null;
    }
    Context context = tracer.start(request, response);
    accessor.setAttribute(request, CONTEXT_ATTRIBUTE, context);
    return new ServletInvocation(context, context.makeCurrent(), true);
  }

  public void exit(REQUEST request, RESPONSE response, ServletInvocation invocation, Throwable thrown) {
    invocation.scope().close();
    if (!invocation.startedSpan()) {
      return;
    }
    if (thrown == null && accessor.isAsyncStarted(request)) {
      accessor.endOnAsyncCompletion(request, response, invocation.context(), this);
      return;
    }
    end(invocation.context(), request, response, thrown);
  }

  public void end(Context context, REQUEST request, RESPONSE response, Throwable thrown) {
    // The servlet mapping was known at the start and may since have changed: Undertow leaves a forward's target
    // on the request. A framework's route is known only now.
    String frameworkRoute = Span.fromContext(context).isRecording() ? FrameworkRoutes.route(accessor, request) : null;
    tracer.end(context, accessor.method(request), frameworkRoute, response, thrown);
  }

  public void markError(Context context, Throwable error, String errorType) {
    tracer.markError(context, error, errorType);
  }

  /** Handed from enter to exit advice. */
  public static final class ServletInvocation {
    private final Context context;
    private final Scope scope;
    private final boolean startedSpan;

    ServletInvocation(Context context, Scope scope, boolean startedSpan) {
      this.context = context;
      this.scope = scope;
      this.startedSpan = startedSpan;
    }

    Context context() {
      return context;
    }

    Scope scope() {
      return scope;
    }

    boolean startedSpan() {
      return startedSpan;
    }
  }
}
