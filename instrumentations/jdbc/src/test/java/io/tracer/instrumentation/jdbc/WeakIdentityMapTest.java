package io.tracer.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

  @Test
  void keysAreComparedByIdentityNotEquality() {
    WeakIdentityMap<List<String>, String> map = new WeakIdentityMap<>();
    List<String> first = new ArrayList<>();
    List<String> equalButOther = new ArrayList<>();
    map.put(first, "first");
    assertEquals("first", map.get(first));
    assertNull(map.get(equalButOther));
    map.put(equalButOther, "other");
    assertEquals("first", map.get(first));
    assertEquals("other", map.get(equalButOther));
    map.put(first, "again");
    assertEquals("again", map.get(first));
    assertEquals(2, map.size());
  }

  @Test
  void doesNotKeepItsKeysAlive() throws InterruptedException {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    for (int i = 0; i < 100; i++) {
      map.put(new Object(), "dropped");
    }
    Object kept = new Object();
    map.put(kept, "kept");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (map.size() > 1 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertEquals(1, map.size());
    assertEquals("kept", map.get(kept));
  }
}
