package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK as the agent builds it for a dropped-but-recorded trace, with an in-memory exporter and a fake clock. */
class ErrorAndSlowTraceKeeperTest {

  private final TestClock clock = TestClock.create();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
  private final AtomicLong traceCounter = new AtomicLong();
  private SdkTracerProvider provider;

  @AfterEach
  void shutdown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  /** Trace ids whose random half a 1% ratio sampler never samples, unless {@code sampledTraceIds} is asked for. */
  private Tracer start(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.traces.sampler", "parentbased_traceidratio");
    settings.put("otel.traces.sampler.arg", "0.01");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(settings, new ConfigProblems(new PrintStream(problems, true)));
    KeepSettings keep = KeepSettings.from(config);
    provider = SdkTracerProvider.builder()
        .setClock(clock)
        .setIdGenerator(new CountingIds())
        .setSampler(SamplerFactory.create(config, clock, "orders", keep.enabled()))
        .addSpanProcessor(new ErrorAndSlowTraceKeeper(SimpleSpanProcessor.create(exporter), keep,
            new PrintStream(diagnostics, true), clock))
        .build();
    return provider.get("test");
  }

  private final class CountingIds implements IdGenerator {
    private final AtomicLong spans = new AtomicLong();

    @Override
    public String generateSpanId() {
      return String.format("%016x", spans.incrementAndGet());
    }

    @Override
    public String generateTraceId() {
      // the random half is far above 1% of Long.MAX_VALUE: the ratio sampler drops every one of these traces
      return String.format("%016x%016x", traceCounter.incrementAndGet(), 0x7000000000000000L + traceCounter.get());
    }
  }

  private enum Outcome { OK, ROOT_ERROR, CHILD_ERROR, SLOW }

  /** A SERVER root with a database child and a nested client call; returns the trace id. */
  private String request(Tracer tracer, Outcome outcome) {
    Span root = tracer.spanBuilder("GET /orders/*").setSpanKind(SpanKind.SERVER).startSpan();
    Context inRoot = Context.root().with(root);
    Span query = tracer.spanBuilder("SELECT orders").setParent(inRoot).setSpanKind(SpanKind.CLIENT).startSpan();
    clock.advance(Duration.ofMillis(5));
    if (outcome == Outcome.CHILD_ERROR) {
      query.setStatus(StatusCode.ERROR);
    }
    query.end();
    Span call = tracer.spanBuilder("GET").setParent(inRoot).setSpanKind(SpanKind.CLIENT).startSpan();
    clock.advance(outcome == Outcome.SLOW ? Duration.ofMillis(2500) : Duration.ofMillis(20));
    call.end();
    if (outcome == Outcome.ROOT_ERROR) {
      root.setStatus(StatusCode.ERROR);
    }
    root.end();
    return root.getSpanContext().getTraceId();
  }

  private Set<String> exportedTraceIds() {
    return exporter.getFinishedSpanItems().stream().map(SpanData::getTraceId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void ofAHundredDroppedRequestsExactlyTheFailedAndSlowOnesAreExportedInFull() {
    Tracer tracer = start();
    Set<String> expected = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      Outcome outcome = i == 7 || i == 42 ? Outcome.ROOT_ERROR : i == 63 ? Outcome.CHILD_ERROR
          : i == 20 || i == 88 ? Outcome.SLOW : Outcome.OK;
      String traceId = request(tracer, outcome);
      if (outcome != Outcome.OK) {
        expected.add(traceId);
      }
    }

    assertEquals(5, expected.size());
    assertEquals(expected, exportedTraceIds());
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(15, spans.size(), "root, query and call of each kept trace");
    for (SpanData span : spans) {
      assertTrue(span.getSpanContext().isSampled(), span.toString());
    }
    assertEquals("", diagnostics.toString());
  }

  @Test
  void theSpansStayUnsampledForPropagationWhileRecorded() {
    Tracer tracer = start();
    Span root = tracer.spanBuilder("GET /orders/*").setSpanKind(SpanKind.SERVER).startSpan();

    assertTrue(root.isRecording());
    assertFalse(root.getSpanContext().isSampled());
    root.end();
  }

  @Test
  void aSampledTraceGoesStraightThroughAndADroppedFastOneLeavesNothing() {
    Tracer tracer = start("otel.traces.sampler.arg", "1.0");
    String sampled = request(tracer, Outcome.OK);

    assertEquals(Set.of(sampled), exportedTraceIds());
    assertEquals(3, exporter.getFinishedSpanItems().size());
  }

  @Test
  void theCallersDroppedTraceIsKeptWhenItFailsHere() {
    Tracer tracer = start();
    SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getDefault(), TraceState.getDefault());
    Span server = tracer.spanBuilder("POST /pay").setParent(Context.root().with(Span.wrap(caller)))
        .setSpanKind(SpanKind.SERVER).startSpan();
    tracer.spanBuilder("INSERT payments").setParent(Context.root().with(server)).startSpan()
        .setStatus(StatusCode.ERROR).end();
    server.end();

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertEquals(List.of("INSERT payments", "POST /pay"), spans.stream().map(SpanData::getName).toList());
    assertEquals("b7ad6b7169203331", spans.get(1).getParentSpanId());
  }

  @Test
  void nothingIsKeptWhenSwitchedOffAndDroppedSpansAreNotEvenRecorded() {
    Tracer tracer = start("otel.traces.keep.errors", "false", "otel.traces.keep.slow-threshold", "0");
    request(tracer, Outcome.ROOT_ERROR);
    Span span = tracer.spanBuilder("GET /orders/*").startSpan();

    assertFalse(span.isRecording());
    assertEquals(Set.of(), exportedTraceIds());
  }

  @Test
  void slowThresholdIsConfigurable() {
    Tracer tracer = start("otel.traces.keep.slow-threshold", "1s", "otel.traces.keep.errors", "false");
    String slow = request(tracer, Outcome.SLOW);
    request(tracer, Outcome.ROOT_ERROR);
    request(tracer, Outcome.OK);

    assertEquals(Set.of(slow), exportedTraceIds());
  }

  @Test
  void spansEndingAfterTheirRootAreNotKept() {
    Tracer tracer = start();
    Span root = tracer.spanBuilder("GET /async").setSpanKind(SpanKind.SERVER).startSpan();
    Span late = tracer.spanBuilder("late work").setParent(Context.root().with(root)).startSpan();
    root.setStatus(StatusCode.ERROR);
    root.end();
    late.end();

    assertEquals(List.of("GET /async"), exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
  }

  @Test
  void aFloodedTraceKeepsAtMostItsLimitAndTheDropsAreCountedAndTold() {
    Tracer tracer = start("otel.traces.keep.max-spans-per-trace", "10");
    Span root = tracer.spanBuilder("GET /export").setSpanKind(SpanKind.SERVER).startSpan();
    for (int i = 0; i < 50; i++) {
      tracer.spanBuilder("SELECT rows").setParent(Context.root().with(root)).startSpan().end();
    }
    root.setStatus(StatusCode.ERROR);
    root.end();

    assertEquals(11, exporter.getFinishedSpanItems().size(), "ten children and the root");
    provider.shutdown();
    provider = null;
    assertEquals(List.of("[tracer] 1 unsampled span dropped: the buffer that holds them until their trace is known "
        + "to fail or be slow is full (otel.traces.keep.max-spans-per-trace=10, otel.traces.keep.max-buffered-spans="
        + "5000); such a trace is exported without them. Further drops are summarized at most once a minute",
        "[tracer] 39 more unsampled spans dropped from the full error and slow trace buffer "
            + "(otel.traces.keep.max-spans-per-trace=10, otel.traces.keep.max-buffered-spans=5000)"),
        diagnostics.toString().lines().toList());
  }

  @Test
  void theTotalBufferIsSharedByAllOpenTracesAndFreedByTheirVerdict() {
    Tracer tracer = start("otel.traces.keep.max-buffered-spans", "6");
    Span first = tracer.spanBuilder("GET /a").setSpanKind(SpanKind.SERVER).startSpan();
    Span second = tracer.spanBuilder("GET /b").setSpanKind(SpanKind.SERVER).startSpan();
    for (int i = 0; i < 4; i++) {
      tracer.spanBuilder("a" + i).setParent(Context.root().with(first)).startSpan().end();
      tracer.spanBuilder("b" + i).setParent(Context.root().with(second)).startSpan().end();
    }
    first.end();
    // the first trace's verdict freed its buffer: the second trace may hold spans again
    tracer.spanBuilder("b4").setParent(Context.root().with(second)).startSpan().end();
    second.setStatus(StatusCode.ERROR);
    second.end();

    assertEquals(List.of("b0", "b1", "b2", "b4", "GET /b"),
        exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    assertTrue(diagnostics.toString().startsWith("[tracer] 1 unsampled span dropped"), diagnostics.toString());
  }

  @Test
  void aRootThatNeverEndsIsForgottenAfterTenMinutes() {
    Tracer tracer = start("otel.traces.keep.max-buffered-spans", "3");
    Span leaked = tracer.spanBuilder("GET /leak").setSpanKind(SpanKind.SERVER).startSpan();
    for (int i = 0; i < 3; i++) {
      tracer.spanBuilder("held").setParent(Context.root().with(leaked)).startSpan().end();
    }
    clock.advance(Duration.ofMinutes(11));
    // the next root's start sweeps the leaked trace away, and its spans fit again
    String kept = request(tracer, Outcome.ROOT_ERROR);

    assertEquals(Set.of(kept), exportedTraceIds());
    assertEquals(3, exporter.getFinishedSpanItems().size());
    assertEquals("", diagnostics.toString());
  }

  @Test
  void badLimitsAreReportedAndReplacedByTheirDefaults() {
    start("otel.traces.keep.max-spans-per-trace", "0", "otel.traces.keep.slow-threshold", "soon");

    assertEquals(List.of("[tracer] invalid configuration otel.traces.keep.slow-threshold=\"soon\" (accepted: a "
            + "duration such as 250ms, 10s, 2m or a number of milliseconds); using 2000ms",
        "[tracer] invalid configuration otel.traces.keep.max-spans-per-trace=\"0\" (accepted: a whole number from 1 "
            + "to 4194304); using 500"), problems.toString().lines().toList());
  }
}
