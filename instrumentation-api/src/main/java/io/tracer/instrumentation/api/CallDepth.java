package io.tracer.instrumentation.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How deep the current thread is inside calls of one kind, so that a wrapper calling through to what it wraps
 * (a pool's proxy, a driver's overload) yields one span. Advice classes are loaded once per application class
 * loader; the counter lives here, in the agent's loader, so that a proxy in one loader and the driver it wraps in
 * another still share it. Every {@link #enter} must be paired with an {@link #exit}.
 */
public final class CallDepth {

  private static final ConcurrentMap<String, CallDepth> BY_KIND = new ConcurrentHashMap<>();

  private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>() {
    @Override
    protected int[] initialValue() {
      return new int[1];
    }
  };

  private CallDepth() {}

  /** The one counter of {@code kind} (for example the module name), whichever class loader asks. */
  public static CallDepth of(String kind) {
    CallDepth existing = BY_KIND.get(kind);
    if (existing != null) {
      return existing;
    }
    CallDepth created = new CallDepth();
    existing = BY_KIND.putIfAbsent(kind, created);
    return existing == null ? created : existing;
  }

  /** @return the depth before this call: 0 for the outermost */
  public int enter() {
    return depth.get()[0]++;
  }

  /** @return the depth after this call: 0 when the outermost call returns */
  public int exit() {
    int[] current = depth.get();
    if (current[0] > 0) {
      current[0]--;
    }
    return current[0];
  }
}
