package io.tracer.agent.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The heap watch on this JVM's own collectors and old generation: retaining a large array pushes what a full
 * collection leaves above a threshold set just above today's level, and dropping it brings relief. The breaker
 * hears of both from the collectors' notifications alone.
 */
class HeapAfterGcWatcherTest {

  private static final int RETAINED_BYTES = 256 * 1024 * 1024;
  private static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);

  private byte[] retained;

  @Test
  void opensWhenTheOldGenerationStaysFullAfterGcAndClosesWhenItIsFreed() throws InterruptedException {
    List<MemoryPoolMXBean> oldGenerations = HeapAfterGcWatcher.oldGenerations(ManagementFactory.getMemoryPoolMXBeans());
    assertFalse(oldGenerations.isEmpty(), "this JVM's heap pools: " + ManagementFactory.getMemoryPoolMXBeans());
    System.gc();
    double baseline = HeapAfterGcWatcher.usedFractionAfterGc(oldGenerations);
    long limit = oldGenerations.get(0).getUsage().getMax();
    double threshold = baseline + RETAINED_BYTES / 2.0 / limit;

    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerSettings(true, threshold, 1, 30_000),
        new PrintStream(logged, true));
    HeapAfterGcWatcher watcher = HeapAfterGcWatcher.start(breaker, ManagementFactory.getMemoryPoolMXBeans(),
        ManagementFactory.getGarbageCollectorMXBeans());
    assertNotNull(watcher);
    try {
      retained = new byte[RETAINED_BYTES];
      awaitAfterGc(breaker::isOpen, "the breaker to open above " + threshold + " (baseline " + baseline + ")");
      retained = null;
      awaitAfterGc(() -> !breaker.isOpen(), "the breaker to close once the array is garbage");
    } finally {
      watcher.close();
      retained = null;
    }
    String[] lines = new String(logged.toByteArray(), StandardCharsets.UTF_8).split("\\R");
    assertEquals(2, lines.length, String.join("\n", lines));
    assertTrue(lines[0].startsWith("[tracer] WARN circuit breaker open: heap "), lines[0]);
    assertTrue(lines[1].startsWith("[tracer] WARN circuit breaker closed: "), lines[1]);
  }

  /** Each round asks for a full collection, then waits a little for its notification, which comes on its own thread. */
  private static void awaitAfterGc(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + NOTIFICATION_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      System.gc();
      for (int i = 0; i < 50 && !condition.getAsBoolean(); i++) {
        Thread.sleep(10);
      }
    }
  }
}
