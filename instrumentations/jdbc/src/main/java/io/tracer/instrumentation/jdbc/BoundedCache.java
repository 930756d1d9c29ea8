package io.tracer.instrumentation.jdbc;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent cache of at most {@code capacity} entries. When full it starts again empty: cheaper than tracking
 * use, and what is in use now comes back at once, while a flood of one-off keys cannot grow it.
 */
final class BoundedCache<K, V> {

  private final ConcurrentHashMap<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  V get(K key) {
    return entries.get(key);
  }

  void put(K key, V value) {
    if (entries.size() >= capacity) {
      entries.clear();
    }
    entries.put(key, value);
  }

  int size() {
    return entries.size();
  }
}
