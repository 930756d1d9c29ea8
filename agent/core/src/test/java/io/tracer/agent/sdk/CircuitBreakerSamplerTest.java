package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tracer.agent.protection.CircuitBreaker;
import io.tracer.agent.protection.CircuitBreakerSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CircuitBreakerSamplerTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final CircuitBreaker breaker = new CircuitBreaker(new CircuitBreakerSettings(true, 0.9, 1, 30_000),
      new PrintStream(new ByteArrayOutputStream(), true));
  private final Sampler sampler = new CircuitBreakerSampler(
      new RecordWhenDroppedSampler(Sampler.parentBased(Sampler.alwaysOn())), breaker);
  private final Tracer tracer = SdkTracerProvider.builder().setSampler(sampler)
      .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build().get("test");

  @Test
  void whileOpenNewRootsAreDroppedAndCountedAndTracesUnderWayEndWhole() {
    Span inFlight = tracer.spanBuilder("in-flight").startSpan();
    breaker.heapAfterGc(0.95);

    Span child = tracer.spanBuilder("child").setParent(Context.root().with(inFlight)).startSpan();
    Span newRoot = tracer.spanBuilder("new root").setNoParent().startSpan();
    Span underDroppedRoot = tracer.spanBuilder("under new root").setParent(Context.root().with(newRoot)).startSpan();
    SpanContext remote = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    Span fromRemote = tracer.spanBuilder("incoming").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    assertTrue(child.isRecording());
    assertFalse(newRoot.isRecording());
    assertFalse(underDroppedRoot.isRecording(), "not even recorded for keeping errors and slow traces");
    assertFalse(fromRemote.isRecording());
    assertEquals(2, breaker.skippedTraces());
    underDroppedRoot.end();
    newRoot.end();
    fromRemote.end();
    child.end();
    inFlight.end();

    breaker.heapAfterGc(0.5);
    tracer.spanBuilder("after relief").setNoParent().startSpan().end();
    List<String> exported = exporter.getFinishedSpanItems().stream().map(SpanData::getName)
        .collect(Collectors.toList());
    assertEquals(List.of("child", "in-flight", "after relief"), exported);
    assertTrue(sampler.getDescription().startsWith("CircuitBreaker{"), sampler.getDescription());
  }
}
