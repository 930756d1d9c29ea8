package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Scope;

/**
 * A {@code ThreadPoolExecutor} worker runs its tasks in a loop with no method around each one; the task's context
 * is made current when the worker takes the task and closed when it asks for the next one or stops, so that the
 * thread waits for work, and ends, with the context it had before.
 */
final class PooledTaskScope {

  private static final ThreadLocal<Scope> OPEN = new ThreadLocal<>();

  private PooledTaskScope() {}

  static void begin(Object task) {
    end();
    Scope scope = PropagatedContexts.attachOnce(task);
    if (scope != null) {
      OPEN.set(scope);
    }
  }

  static void end() {
    Scope scope = OPEN.get();
    if (scope != null) {
      OPEN.remove();
      scope.close();
    }
  }
}
