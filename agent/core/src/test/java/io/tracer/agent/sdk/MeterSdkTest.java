package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.Clock;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import org.junit.jupiter.api.Test;

/** {@code otel.metrics.exporter}: off by default; with {@code console}, the JVM's runtime metrics line by line. */
class MeterSdkTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private TracerSdk sdk(Map<String, String> values) {
    values.put("otel.traces.exporter", "none");
    TracerConfig config = TracerConfig.of(values, new ConfigProblems(new PrintStream(stderr, true)));
    return TracerSdkFactory.create(config, new PrintStream(stderr, true), Clock.getDefault());
  }

  private List<String> lines() {
    return Arrays.stream(new String(stderr.toByteArray(), StandardCharsets.UTF_8).split("\\R"))
        .filter(line -> !line.isEmpty()).collect(Collectors.toList());
  }

  @Test
  void metricsAreOffUnlessAnExporterIsNamed() {
    TracerSdk sdk = sdk(new HashMap<>());
    assertNull(sdk.meterProvider());
    sdk.shutdown();
    assertTrue(lines().isEmpty(), lines().toString());
  }

  @Test
  void theConsoleExporterShowsOnePointPerLineWithTheStableRuntimeNames() throws InterruptedException {
    Map<String, String> values = new HashMap<>();
    values.put("OTEL_METRICS_EXPORTER", "console");
    values.put("otel.metric.export.interval", "1h");
    TracerSdk sdk = sdk(values);
    assertNotNull(sdk.meterProvider());
    collectAndAwaitItsNotification();
    // the last collection happens at shutdown, however long the interval
    sdk.shutdown();
    List<String> lines = lines();
    assertTrue(lines.stream().allMatch(line -> line.startsWith("[tracer] metric ")), lines.toString());
    assertHas(lines, "[tracer] metric jvm.memory.used{jvm.memory.pool.name=G1 Old Gen, jvm.memory.type=heap} ");
    assertHas(lines, "[tracer] metric jvm.memory.committed{jvm.memory.pool.name=Metaspace, jvm.memory.type=non_heap} ");
    assertHas(lines, "[tracer] metric jvm.memory.limit{jvm.memory.pool.name=G1 Old Gen, jvm.memory.type=heap} ");
    assertHas(lines, "[tracer] metric jvm.memory.used_after_last_gc{jvm.memory.pool.name=G1 Old Gen");
    assertHas(lines, "[tracer] metric jvm.gc.duration{jvm.gc.action=end of major GC, jvm.gc.name=");
    assertHas(lines, "[tracer] metric jvm.thread.count{jvm.thread.daemon=true} ");
    assertHas(lines, "[tracer] metric jvm.class.loaded ");
    assertHas(lines, "[tracer] metric jvm.class.unloaded ");
    assertHas(lines, "[tracer] metric jvm.class.count ");
    assertHas(lines, "[tracer] metric jvm.cpu.time ");
    assertHas(lines, "[tracer] metric jvm.cpu.count " + Runtime.getRuntime().availableProcessors());
    assertHas(lines, "[tracer] metric tracer.circuit_breaker.state 0");
    assertHas(lines, "[tracer] metric tracer.circuit_breaker.skipped_traces 0");
    assertTrue(lines.stream().anyMatch(line -> line.matches("\\[tracer] metric jvm\\.memory\\.used\\{.*} \\d+ By")),
        lines.toString());
  }

  @Test
  void unknownExporterNamesAreToldOnceAndMeanNone() {
    Map<String, String> values = new HashMap<>();
    values.put("otel.metrics.exporter", "prometheus");
    TracerSdk sdk = sdk(values);
    assertNull(sdk.meterProvider());
    sdk.shutdown();
    assertEquals(List.of("[tracer] invalid configuration otel.metrics.exporter=\"prometheus\" (accepted: a comma list"
        + " of otlp, console, none); using none"), lines());
  }

  /**
   * A collector notifies its listeners one after another in the order they registered: once a listener added
   * after the SDK's has heard of this collection, the SDK's has recorded it.
   */
  private static void collectAndAwaitItsNotification() throws InterruptedException {
    CountDownLatch heard = new CountDownLatch(1);
    NotificationListener listener = (notification, handback) -> heard.countDown();
    List<NotificationEmitter> emitters = new ArrayList<>();
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      NotificationEmitter emitter = (NotificationEmitter) collector;
      emitter.addNotificationListener(listener, null, null);
      emitters.add(emitter);
    }
    try {
      System.gc();
      assertTrue(heard.await(30, TimeUnit.SECONDS), "no GC notification");
    } finally {
      for (NotificationEmitter emitter : emitters) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException ignored) {
          // not registered on this one
        }
      }
    }
  }

  private static void assertHas(List<String> lines, String prefix) {
    assertTrue(lines.stream().anyMatch(line -> line.startsWith(prefix)),
        "no line starting with " + prefix + " in:\n" + String.join("\n", lines));
  }
}
