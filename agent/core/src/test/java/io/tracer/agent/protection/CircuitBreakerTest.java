package io.tracer.agent.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true);

  private CircuitBreaker breaker(double heapThreshold, double cpuThreshold, long cpuSustainedMillis) {
    return new CircuitBreaker(new CircuitBreakerSettings(true, heapThreshold, cpuThreshold, cpuSustainedMillis), log);
  }

  private List<String> lines() {
    return Arrays.stream(new String(logged.toByteArray(), StandardCharsets.UTF_8).split("\\R"))
        .filter(line -> !line.isEmpty()).collect(Collectors.toList());
  }

  @Test
  void opensOnceWhileTheOldGenerationStaysFullAfterGcAndClosesOnRelief() {
    CircuitBreaker breaker = breaker(0.9, 0.95, 30_000);
    breaker.heapAfterGc(0.5);
    assertFalse(breaker.isOpen());
    assertTrue(lines().isEmpty());

    breaker.heapAfterGc(0.93);
    breaker.heapAfterGc(0.97);
    breaker.traceSkipped();
    breaker.traceSkipped();
    assertTrue(breaker.isOpen());
    assertEquals(1, lines().size(), lines().toString());
    assertEquals("[tracer] WARN circuit breaker open: heap 93% of its limit after GC, above 90%; new traces are not"
        + " recorded until that is relieved (otel.tracer.circuit-breaker.*)", lines().get(0));

    breaker.heapAfterGc(0.6);
    breaker.heapAfterGc(0.4);
    assertFalse(breaker.isOpen());
    assertEquals(2, lines().size(), lines().toString());
    assertTrue(lines().get(1).startsWith("[tracer] WARN circuit breaker closed: heap 60% after GC"), lines().get(1));
    assertTrue(lines().get(1).endsWith("(2 new traces skipped since the start)"), lines().get(1));
    assertEquals(2, breaker.skippedTraces());
  }

  @Test
  void exactlyAtTheThresholdIsNoPressure() {
    CircuitBreaker breaker = breaker(0.9, 0.95, 30_000);
    breaker.heapAfterGc(0.9);
    assertFalse(breaker.isOpen());
  }

  @Test
  void cpuOpensOnlyWhenSaturatedForTheWholeSustainedPeriod() {
    CircuitBreaker breaker = breaker(0.9, 0.95, 30_000);
    breaker.cpuLoad(0.99, 1_000);
    breaker.cpuLoad(0.99, 20_000);
    assertFalse(breaker.isOpen());
    // a dip starts the period again
    breaker.cpuLoad(0.50, 25_000);
    breaker.cpuLoad(0.99, 30_000);
    breaker.cpuLoad(0.99, 59_999);
    assertFalse(breaker.isOpen());
    breaker.cpuLoad(0.98, 60_000);
    assertTrue(breaker.isOpen());
    assertEquals("[tracer] WARN circuit breaker open: CPU load 98%, above 95% for 30 s; new traces are not recorded"
        + " until that is relieved (otel.tracer.circuit-breaker.*)", lines().get(0));
    breaker.cpuLoad(0.99, 65_000);
    assertEquals(1, lines().size());
    breaker.cpuLoad(0.30, 70_000);
    assertFalse(breaker.isOpen());
    assertEquals(2, lines().size());
  }

  @Test
  void staysOpenWhileEitherPressureLasts() {
    CircuitBreaker breaker = breaker(0.9, 0.95, 1_000);
    breaker.heapAfterGc(0.95);
    breaker.cpuLoad(0.99, 0);
    breaker.cpuLoad(0.99, 1_000);
    breaker.heapAfterGc(0.2);
    assertTrue(breaker.isOpen(), "the CPU is still saturated");
    breaker.cpuLoad(0.1, 2_000);
    assertFalse(breaker.isOpen());
    assertEquals(2, lines().size(), lines().toString());
  }

  @Test
  void settingsHaveSafeDefaultsAndBadValuesAreToldOnce() {
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    Map<String, String> values = new HashMap<>();
    values.put("OTEL_TRACER_CIRCUIT_BREAKER_HEAP_THRESHOLD", "95%");
    values.put("otel.tracer.circuit-breaker.cpu-sustained", "10ms");
    values.put("otel.tracer.circuit-breaker.cpu-threshold", "1");
    CircuitBreakerSettings settings = CircuitBreakerSettings.from(
        TracerConfig.of(values, new ConfigProblems(new PrintStream(problems, true))));
    assertEquals(0.9, settings.heapThreshold);
    assertEquals(30_000, settings.cpuSustainedMillis);
    assertTrue(settings.watchesHeap());
    assertFalse(settings.watchesCpu(), "a threshold of 1 can never be exceeded: that check is off");
    String told = new String(problems.toByteArray(), StandardCharsets.UTF_8);
    assertTrue(told.contains("invalid configuration otel.tracer.circuit-breaker.heap-threshold=\"95%\""), told);
    assertTrue(told.contains("otel.tracer.circuit-breaker.cpu-sustained=\"10ms\""), told);

    CircuitBreakerSettings defaults = CircuitBreakerSettings.from(
        TracerConfig.of(new HashMap<>(), new ConfigProblems(System.err)));
    assertTrue(defaults.watchesHeap() && defaults.watchesCpu());
    assertEquals(0.95, defaults.cpuThreshold);
    assertEquals(5_000, defaults.cpuSampleIntervalMillis());
    CircuitBreakerSettings off = CircuitBreakerSettings.from(TracerConfig.of(
        Map.of("otel.tracer.circuit-breaker.enabled", "false"), new ConfigProblems(System.err)));
    assertFalse(off.watchesHeap() || off.watchesCpu());
    assertEquals(null, CircuitBreakerGuard.start(off, log));
  }
}
