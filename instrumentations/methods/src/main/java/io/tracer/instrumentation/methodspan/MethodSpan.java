package io.tracer.instrumentation.methodspan;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The span of one call of an application method, current while the method runs. Shared by the {@code methods} and
 * {@code annotations} modules; outside both modules' packages, so it is loaded once, by the agent's loader.
 */
public final class MethodSpan {

  public static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Span span;
  private final Scope scope;

  private MethodSpan(Span span, Scope scope) {
    this.span = span;
    this.scope = scope;
  }

  /** @param current what the method's code sees as current: the parent context with the new span */
  public static MethodSpan start(SpanBuilder builder, Context parent, Context current) {
    Span span = builder.setParent(parent).startSpan();
    return new MethodSpan(span, current.with(span).makeCurrent());
  }

  /**
   * Ends the span when the method returns or throws; a method returning a {@code CompletionStage} (a
   * {@code CompletableFuture}) is finished when the stage completes.
   */
  public void end(Throwable thrown, Object returned) {
    scope.close();
    if (thrown == null && returned instanceof CompletionStage) {
      ((CompletionStage<?>) returned).whenComplete((value, failure) -> finish(unwrapped(failure)));
    } else {
      finish(thrown);
    }
  }

  private void finish(Throwable thrown) {
    if (thrown != null) {
      span.recordException(thrown);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, thrown.getClass().getName());
    }
    span.end();
  }

  private static Throwable unwrapped(Throwable failure) {
    if ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      return failure.getCause();
    }
    return failure;
  }
}
