package io.tracer.instrumentation.javahttpclient;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * The future {@code sendAsync} hands to the caller: it completes with the client's own outcome, on the thread that
 * completed the client's future, with the caller's context current, so the caller's stages run in its trace.
 * Cancelling it cancels the client's future.
 */
final class CallerContextFuture {

  private CallerContextFuture() {}

  static <T> CompletableFuture<T> of(CompletableFuture<T> clientFuture, Context callerContext,
      BiConsumer<T, Throwable> onResponse) {
    CompletableFuture<T> callerFuture = new CompletableFuture<>();
    clientFuture.whenComplete((result, error) -> {
      try {
        onResponse.accept(result, unwrap(error));
      } catch (Throwable ignored) {
        // the caller's outcome never depends on the span
      }
      try (Scope ignored = callerContext.makeCurrent()) {
        if (error != null) {
          callerFuture.completeExceptionally(error);
        } else {
          callerFuture.complete(result);
        }
      }
    });
    callerFuture.whenComplete((result, error) -> {
      if (callerFuture.isCancelled()) {
        clientFuture.cancel(true);
      }
    });
    return callerFuture;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }
}
