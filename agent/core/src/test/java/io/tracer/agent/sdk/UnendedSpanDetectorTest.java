package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.leaks.LeakingService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real SDK with the detector, spans really dropped and really collected: {@code System.gc()} is asked for until
 * the report comes, within a bound, and each poll starts and ends a span, as the application's next request would.
 */
class UnendedSpanDetectorTest {

  private static final Duration COLLECTION_TIMEOUT = Duration.ofSeconds(30);

  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final TestClock clock = TestClock.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .setClock(clock)
      .addSpanProcessor(new UnendedSpanDetector(new PrintStream(output, true, StandardCharsets.UTF_8), clock))
      .build();
  private final Tracer tracer = provider.tracerBuilder("orders-module").setInstrumentationVersion("1.2").build();
  private final LeakingService application = new LeakingService(tracer);

  @AfterEach
  void shutdown() {
    provider.shutdown();
  }

  @Test
  void aSpanDroppedWithoutEndIsReportedWithWhatItWasAndWhereItStarted() throws InterruptedException {
    WeakReference<Span> leaked = application.startAndForget("charge card", SpanKind.CLIENT);
    SpanContext ids = leaked.get().getSpanContext();
    clock.advance(Duration.ofMillis(1500));

    String line = awaitLine(candidate -> candidate.contains("\"charge card\""));

    assertTrue(line.startsWith("[tracer] span never ended, now unreachable: \"charge card\" CLIENT, trace "
        + ids.getTraceId() + ", span " + ids.getSpanId() + ", scope orders-module 1.2, age 1500 ms, started at "
        + LeakingService.class.getName() + ".startAndForget(LeakingService.java:"), line);
    assertTrue(line.contains(" < " + getClass().getName() + ".aSpanDroppedWithoutEndIsReportedWithWhatItWasAnd"),
        "the caller's frame follows: " + line);
    assertTrue(line.matches(".* < \\.\\.\\. \\d+ more$"), "at most " + TrackedSpan.SHOWN_FRAMES + " frames: " + line);
    assertEquals(1, lines().size(), lines().toString());
  }

  @Test
  void anEndedSpanIsNeverReported() throws InterruptedException {
    WeakReference<Span> ended = new WeakReference<>(tracer.spanBuilder("ended").startSpan());
    ended.get().end();
    application.startAndForget("forgotten", SpanKind.INTERNAL);

    awaitLine(line -> line.contains("\"forgotten\""));
    awaitCollected(List.of(ended));
    provider.shutdown();

    List<String> lines = lines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.stream().noneMatch(line -> line.contains("\"ended\"")), lines.toString());
  }

  @Test
  void aLeakInAHotPathIsToldInAFewLines() throws InterruptedException {
    List<WeakReference<Span>> leaked = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      leaked.add(application.startAndForget("hot", SpanKind.SERVER));
    }
    awaitCollected(leaked);
    provider.shutdown();

    List<String> lines = lines();
    assertEquals(5, lines.size(), lines.toString());
    assertEquals(3, lines.stream().filter(line -> line.startsWith("[tracer] span never ended, now unreachable: "
        + "\"hot\" SERVER")).count(), lines.toString());
    assertTrue(lines.get(2).endsWith("; further spans named \"hot\" never ended are counted, not shown"),
        lines.toString());
    assertEquals("[tracer] 10 spans named \"hot\" never ended so far", lines.get(3));
    assertEquals("[tracer] 50 spans named \"hot\" never ended in all", lines.get(4));
  }

  @Test
  void namesBeyondTheFirstHundredShareOneCount() throws InterruptedException {
    List<WeakReference<Span>> leaked = new ArrayList<>();
    for (int i = 0; i < UnendedSpanLog.MAX_NAMES + 50; i++) {
      leaked.add(application.startAndForget("order " + i, SpanKind.INTERNAL));
    }
    awaitCollected(leaked);
    provider.shutdown();

    List<String> lines = lines();
    assertEquals(UnendedSpanLog.MAX_NAMES + 3 + 2, lines.size(), lines.toString());
    assertTrue(lines.contains("[tracer] 10 spans of other names never ended so far"), lines.toString());
    assertTrue(lines.contains("[tracer] 50 spans of other names never ended in all"), lines.toString());
  }

  @Test
  void spansStillOpenAtShutdownAreToldOldestFirstThenCounted() {
    List<Span> open = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      open.add(application.startAndKeep("open " + i));
      clock.advance(Duration.ofMillis(10));
    }
    provider.shutdown();

    List<String> lines = lines();
    assertEquals(UnendedSpanLog.MAX_OPEN_AT_SHUTDOWN + 1, lines.size(), lines.toString());
    for (int i = 0; i < UnendedSpanLog.MAX_OPEN_AT_SHUTDOWN; i++) {
      assertTrue(lines.get(i).startsWith("[tracer] span still open at shutdown: \"open " + i + "\" INTERNAL, trace "
          + open.get(i).getSpanContext().getTraceId()), lines.get(i));
      assertTrue(lines.get(i).contains(", age " + (250 - 10 * i) + " ms, started at " + LeakingService.class.getName()
          + ".startAndKeep(LeakingService.java:"), lines.get(i));
    }
    assertEquals("[tracer] and 15 more spans still open at shutdown", lines.get(10));
  }

  @Test
  void atMostTenThousandOpenSpansAreWatched() {
    List<Span> open = new ArrayList<>();
    for (int i = 0; i <= UnendedSpanDetector.MAX_WATCHED; i++) {
      open.add(tracer.spanBuilder("open").startSpan());
    }
    provider.shutdown();

    List<String> lines = lines();
    assertEquals("[tracer] more than 10000 spans are open at once: the spans started meanwhile are not watched for "
        + "a missing end()", lines.get(0));
    assertEquals("[tracer] and " + (UnendedSpanDetector.MAX_WATCHED - UnendedSpanLog.MAX_OPEN_AT_SHUTDOWN)
        + " more spans still open at shutdown", lines.get(lines.size() - 1));
    assertEquals(UnendedSpanDetector.MAX_WATCHED + 1, open.size());
  }

  /** Asks for collections, starting and ending a span each time so that the detector looks, until a line comes. */
  private String awaitLine(Predicate<String> condition) throws InterruptedException {
    long deadline = System.nanoTime() + COLLECTION_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      System.gc();
      tracer.spanBuilder("next request").startSpan().end();
      for (String line : lines()) {
        if (condition.test(line)) {
          return line;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no such line within " + COLLECTION_TIMEOUT + ": " + lines());
  }

  private static void awaitCollected(List<? extends WeakReference<?>> references) throws InterruptedException {
    long deadline = System.nanoTime() + COLLECTION_TIMEOUT.toNanos();
    while (references.stream().anyMatch(reference -> reference.get() != null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not collected within " + COLLECTION_TIMEOUT);
      }
      System.gc();
      Thread.sleep(10);
    }
  }

  private List<String> lines() {
    return output.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
  }
}
