package io.tracer.instrumentation.okhttp;

import io.opentelemetry.context.Context;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import okhttp3.Call;
import okhttp3.Callback;

/**
 * The caller's context of each enqueued call, from {@code enqueue} until the interceptor picks it up on the
 * dispatcher thread; weak, so a call that never reaches the interceptor (a stopped dispatcher) is not kept.
 */
final class AsyncCalls {

  private static final Map<Call, Context> CALLER_CONTEXTS = Collections.synchronizedMap(new WeakHashMap<Call, Context>());
  /** Until the first {@code enqueue}, synchronous calls never touch the map's lock. */
  private static volatile boolean anyEnqueued;

  private AsyncCalls() {}

  /** @return the callback to enqueue instead: the application's, run in the caller's context */
  static Callback enqueued(Call call, Callback callback) {
    if (callback == null || callback instanceof CallerContextCallback) {
      return null;
    }
    Context caller = Context.current();
    CALLER_CONTEXTS.put(call, caller);
    anyEnqueued = true;
    return new CallerContextCallback(callback, caller);
  }

  /** The context the call was enqueued in, once; {@code null} for a synchronous call. */
  static Context callerContext(Call call) {
    return anyEnqueued ? CALLER_CONTEXTS.remove(call) : null;
  }
}
