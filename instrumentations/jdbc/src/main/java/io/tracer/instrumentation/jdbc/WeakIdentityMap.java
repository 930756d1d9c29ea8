package io.tracer.instrumentation.jdbc;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, by identity, that does not keep them alive: what the agent remembers about an
 * application's connections and statements goes when they do. Values must not refer to their keys. Entries of
 * collected keys are dropped on the next {@link #put}.
 */
final class WeakIdentityMap<K, V> {

  private final ConcurrentHashMap<IdentityKey, V> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<K> collected = new ReferenceQueue<>();

  V get(K key) {
    return entries.get(new LookupKey(key));
  }

  void put(K key, V value) {
    dropCollected();
    entries.put(new WeakKey<>(key, collected), value);
  }

  V remove(K key) {
    return entries.remove(new LookupKey(key));
  }

  /** Cheap, and allocation-free: no lookup key. Entries of collected keys may still count. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  int size() {
    dropCollected();
    return entries.size();
  }

  private void dropCollected() {
    for (Reference<? extends K> gone = collected.poll(); gone != null; gone = collected.poll()) {
      entries.remove(gone);
    }
  }

  /** Stored keys and lookup keys compare equal when they hold the same object. */
  private interface IdentityKey {
    Object referent();
  }

  private static boolean sameReferent(IdentityKey key, Object other) {
    if (other == key) {
      return true;
    }
    if (!(other instanceof IdentityKey)) {
      return false;
    }
    Object referent = key.referent();
    return referent != null && referent == ((IdentityKey) other).referent();
  }

  private static final class WeakKey<K> extends WeakReference<K> implements IdentityKey {
    private final int hash;

    WeakKey(K key, ReferenceQueue<K> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public Object referent() {
      return get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return sameReferent(this, other);
    }
  }

  private static final class LookupKey implements IdentityKey {
    private final Object key;

    LookupKey(Object key) {
      this.key = key;
    }

    @Override
    public Object referent() {
      return key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object other) {
      return sameReferent(this, other);
    }
  }
}
