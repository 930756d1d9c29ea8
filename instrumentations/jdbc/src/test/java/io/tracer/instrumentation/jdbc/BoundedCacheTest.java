package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedCacheTest {

  @Test
  void neverHoldsMoreThanItsCapacity() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(10);
    for (int i = 0; i < 1000; i++) {
      cache.put(i, "value " + i);
      assertTrue(cache.size() <= 10);
    }
    assertEquals("value 999", cache.get(999));
  }
}
