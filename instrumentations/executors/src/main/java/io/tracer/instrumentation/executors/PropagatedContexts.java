package io.tracer.instrumentation.executors;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context each pending task was handed over with, kept beside the task rather than in a wrapper, so that the
 * application keeps seeing its own task objects ({@code ThreadPoolExecutor.remove}, {@code beforeExecute},
 * {@code shutdownNow}, priority queues that compare tasks). Keys are the tasks' identities, held weakly: a task
 * that never runs (cancelled, rejected, removed) takes its entry with it when it is collected.
 *
 * <p>Nothing is stored or allocated for work handed over outside any trace.
 */
final class PropagatedContexts {

  private static final ConcurrentHashMap<Object, Context> BY_TASK = new ConcurrentHashMap<>();
  private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

  private PropagatedContexts() {}

  /** Remembers the current context for {@code task}, unless there is none or the task already carries one. */
  static void capture(Object task) {
    Context context = Context.current();
    if (context == Context.root() || task == null) {
      return;
    }
    forgetCollected();
    BY_TASK.putIfAbsent(new TaskKey(task, COLLECTED), context);
  }

  /**
   * Makes the context {@code task} was created with current, for as long as the task lives: a fork/join task may
   * run more than once (a {@code CountedCompleter} forks itself again to go on with a split). The returned scope
   * restores what was current before; {@code null} when the task carries no context.
   */
  static Scope attach(Object task) {
    if (task == null || BY_TASK.isEmpty()) {
      return null;
    }
    Context context = BY_TASK.get(new LookupKey(task));
    return context == null ? null : context.makeCurrent();
  }

  /**
   * Like {@link #attach} for work handed over once per submission (a runnable given to {@code execute}, a new
   * thread): the context is taken away, so that the same runnable submitted again later, maybe outside any trace,
   * runs in the context of that submission only.
   */
  static Scope attachOnce(Object task) {
    if (task == null || BY_TASK.isEmpty()) {
      return null;
    }
    Context context = BY_TASK.remove(new LookupKey(task));
    return context == null ? null : context.makeCurrent();
  }

  private static void forgetCollected() {
    for (Object key = COLLECTED.poll(); key != null; key = COLLECTED.poll()) {
      BY_TASK.remove(key);
    }
  }

  /** The stored key: the task, weakly, compared by identity. */
  private static final class TaskKey extends WeakReference<Object> {
    private final int hash;

    TaskKey(Object task, ReferenceQueue<Object> collected) {
      super(task, collected);
      this.hash = System.identityHashCode(task);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      Object task = get();
      if (task == null) {
        return false;
      }
      if (other instanceof LookupKey) {
        return ((LookupKey) other).task == task;
      }
      return other instanceof TaskKey && ((TaskKey) other).get() == task;
    }
  }

  /** A short-lived key to find a task's entry without creating a weak reference. */
  private static final class LookupKey {
    final Object task;

    LookupKey(Object task) {
      this.task = task;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(task);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TaskKey && ((TaskKey) other).get() == task;
    }
  }
}
