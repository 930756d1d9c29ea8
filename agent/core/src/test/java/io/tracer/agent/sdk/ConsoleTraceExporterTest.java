package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleTraceExporterTest {

  private final TestClock clock = TestClock.create();
  private final InMemorySpanExporter finished = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .setResource(Resource.create(Attributes.of(TracerResource.SERVICE_NAME, "orders-service")))
      .addSpanProcessor(SimpleSpanProcessor.create(finished))
      .build();
  private final Tracer tracer = tracerProvider.get("test");
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ConsoleTraceExporter exporter =
      new ConsoleTraceExporter(new PrintStream(console, true, StandardCharsets.UTF_8), clock);

  @AfterEach
  void shutdown() {
    tracerProvider.shutdown();
  }

  private Span child(String name, Span parent) {
    return tracer.spanBuilder(name).setParent(Context.root().with(parent)).startSpan();
  }

  /** Hands the exporter what ended since the previous call, as the batch processor would. */
  private void exportFinished() {
    List<SpanData> spans = new ArrayList<>(finished.getFinishedSpanItems());
    finished.reset();
    exporter.export(spans);
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }

  @Test
  void waitsForTheLocalRootThenPrintsTheWholeTraceAtOnce() {
    Span root = tracer.spanBuilder("GET /orders").startSpan();
    child("SELECT", root).end();
    exportFinished();
    assertEquals("", printed());

    root.end();
    exportFinished();

    assertTrue(printed().startsWith("[orders-service] trace " + root.getSpanContext().getTraceId() + "\n"
        + "  GET /orders  INTERNAL"), printed());
    assertTrue(printed().contains("  └─ SELECT  INTERNAL"), printed());
  }

  @Test
  void aSpanWithARemoteParentIsALocalRoot() {
    SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    tracer.spanBuilder("GET /from-caller").setParent(Context.root().with(Span.wrap(caller))).startSpan().end();

    exportFinished();

    assertTrue(printed().startsWith("[orders-service] trace 4bf92f3577b34da6a3ce929d0e0e4736\n"
        + "  GET /from-caller  INTERNAL"), printed());
  }

  @Test
  void spansEndingAfterTheirRootPrintAsAContinuation() {
    Span root = tracer.spanBuilder("GET /orders").startSpan();
    Span async = child("send email", root);
    root.end();
    exportFinished();
    console.reset();

    async.end();
    exportFinished();

    assertTrue(printed().startsWith("[orders-service] trace " + root.getSpanContext().getTraceId() + " (continued)\n"
        + "  send email  INTERNAL  "), printed());
    assertEquals(2, printed().lines().count(), printed());
  }

  @Test
  void aTraceWaitingTooLongIsPrintedAsIncomplete() {
    Span root = tracer.spanBuilder("GET /stuck").startSpan();
    child("step", root).end();
    exportFinished();

    clock.advance(Duration.ofNanos(ConsoleTraceExporter.MAX_WAIT_NANOS));
    exporter.export(List.of());

    assertTrue(printed().contains(root.getSpanContext().getTraceId() + " (incomplete: its local root had not ended)"),
        printed());
    root.end();
  }

  @Test
  void theOldestTraceIsPushedOutWhenTooManyWait() {
    List<Span> roots = new ArrayList<>();
    for (int i = 0; i <= ConsoleTraceExporter.MAX_TRACES; i++) {
      Span root = tracer.spanBuilder("root " + i).startSpan();
      child("child " + i, root).end();
      roots.add(root);
    }
    exportFinished();

    String oldestTrace = roots.get(0).getSpanContext().getTraceId();
    assertEquals("[orders-service] trace " + oldestTrace + " (incomplete: its local root had not ended)\n",
        printed().lines().findFirst().get() + "\n");
    assertEquals(1, printed().lines().filter(line -> line.startsWith("[orders-service]")).count());
    roots.forEach(Span::end);
  }

  @Test
  void aHugeTraceKeepsItsRootAndCountsWhatItLeftOut() {
    Span root = tracer.spanBuilder("batch job").startSpan();
    for (int i = 0; i < ConsoleTraceExporter.MAX_SPANS_PER_TRACE + 7; i++) {
      child("item " + i, root).end();
    }
    root.end();
    exportFinished();

    assertTrue(printed().contains("  batch job  INTERNAL"), printed());
    assertTrue(printed().endsWith("  … 7 more spans not shown\n"), printed());
  }

  @Test
  void shutdownPrintsWhatStillWaits() {
    Span root = tracer.spanBuilder("GET /slow").startSpan();
    child("step", root).end();
    exportFinished();
    assertEquals("", printed());

    exporter.shutdown();

    assertTrue(printed().contains("(incomplete: its local root had not ended)\n  step  INTERNAL"), printed());
    root.end();
  }
}
