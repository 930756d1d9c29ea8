package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spans are given explicit start and end times: their durations are exact, no clock is waited for. */
class SlowMethodSpanFilterTest {

  private static final long START = TimeUnit.SECONDS.toNanos(1_000_000);

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SlowMethodSpanFilter.wrap(config("50ms"), SimpleSpanProcessor.create(exported))).build();
  private final Tracer methods = provider.get("io.tracer.methods");
  private final Tracer other = provider.get("io.tracer.jdbc");

  @Test
  void fastMethodSpansAreDroppedSlowOnesKept() {
    end(methods.spanBuilder("fast"), 49);
    end(methods.spanBuilder("slow"), 50);
    assertEquals(List.of("slow"), exportedNames());
  }

  @Test
  void fastSpansOfOtherScopesAreKept() {
    end(other.spanBuilder("query"), 1);
    assertEquals(List.of("query"), exportedNames());
  }

  @Test
  void aFastMethodSpanWithAnErrorIsKept() {
    Span span = methods.spanBuilder("failed").setStartTimestamp(START, TimeUnit.NANOSECONDS).startSpan();
    span.setStatus(StatusCode.ERROR);
    span.end(START + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    assertEquals(List.of("failed"), exportedNames());
  }

  @Test
  void aFastMethodSpanWithAChildIsKeptWithTheChild() {
    Span parent = methods.spanBuilder("parent").setStartTimestamp(START, TimeUnit.NANOSECONDS).startSpan();
    end(other.spanBuilder("child").setParent(Context.root().with(parent)), 1);
    parent.end(START + TimeUnit.MILLISECONDS.toNanos(2), TimeUnit.NANOSECONDS);
    assertEquals(List.of("child", "parent"), exportedNames());
  }

  @Test
  void aChildStartedAfterItsParentEndedKeepsNothingAlive() {
    Span parent = methods.spanBuilder("parent").setStartTimestamp(START, TimeUnit.NANOSECONDS).startSpan();
    parent.end(START + TimeUnit.MILLISECONDS.toNanos(2), TimeUnit.NANOSECONDS);
    end(other.spanBuilder("late child").setParent(Context.root().with(parent)), 1);
    assertEquals(List.of("late child"), exportedNames());
  }

  @Test
  void withoutAThresholdTheExportingProcessorIsUsedAsItIs() {
    SpanProcessor exporting = SimpleSpanProcessor.create(exported);
    assertSame(exporting, SlowMethodSpanFilter.wrap(config("0"), exporting));
  }

  private static void end(io.opentelemetry.api.trace.SpanBuilder builder, long millis) {
    builder.setStartTimestamp(START, TimeUnit.NANOSECONDS).startSpan()
        .end(START + TimeUnit.MILLISECONDS.toNanos(millis), TimeUnit.NANOSECONDS);
  }

  private List<String> exportedNames() {
    return exported.getFinishedSpanItems().stream().map(SpanData::getName).collect(Collectors.toList());
  }

  private static TracerConfig config(String threshold) {
    return TracerConfig.of(Map.of(SlowMethodSpanFilter.THRESHOLD_KEY, threshold),
        new ConfigProblems(new PrintStream(new ByteArrayOutputStream())));
  }
}
