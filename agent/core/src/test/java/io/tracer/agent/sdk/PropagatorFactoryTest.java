package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropagatorFactoryTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
  private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  private TextMapPropagator propagator(String propagators) {
    Map<String, String> map = new HashMap<>();
    if (propagators != null) {
      map.put("OTEL_PROPAGATORS", propagators);
    }
    ContextPropagators created =
        PropagatorFactory.create(TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true))));
    return created.getTextMapPropagator();
  }

  private static Map<String, String> inject(TextMapPropagator propagator) {
    SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
    Context context = Context.root().with(Span.wrap(span))
        .with(Baggage.builder().put("tenant", "acme").build());
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(context, carrier, (map, key, value) -> map.put(key, value));
    return carrier;
  }

  private static SpanContext extractedSpan(TextMapPropagator propagator, Map<String, String> headers) {
    return Span.fromContext(propagator.extract(Context.root(), headers, MAP_GETTER)).getSpanContext();
  }

  private static void assertExtractsTheCaller(TextMapPropagator propagator, Map<String, String> headers) {
    SpanContext extracted = extractedSpan(propagator, headers);
    assertTrue(extracted.isRemote(), headers.toString());
    assertEquals(TRACE_ID, extracted.getTraceId());
    assertEquals(SPAN_ID, extracted.getSpanId());
    assertTrue(extracted.isSampled());
  }

  @Test
  void defaultWritesAndReadsTraceContextAndBaggage() {
    TextMapPropagator propagator = propagator(null);

    Map<String, String> headers = inject(propagator);

    assertEquals(Map.of("traceparent", TRACEPARENT, "baggage", "tenant=acme"), headers);
    assertExtractsTheCaller(propagator, headers);
    assertEquals("acme", Baggage.fromContext(propagator.extract(Context.root(), headers, MAP_GETTER))
        .getEntryValue("tenant"));
  }

  @Test
  void b3WritesTheSingleHeader() {
    Map<String, String> headers = inject(propagator("b3"));

    assertEquals(Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1"), headers);
  }

  @Test
  void b3multiWritesOneHeaderPerField() {
    Map<String, String> headers = inject(propagator("b3multi"));

    assertEquals(Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1"), headers);
  }

  @Test
  void jaegerWritesUberTraceIdAndUberctxBaggage() {
    Map<String, String> headers = inject(propagator("jaeger"));

    assertEquals(Map.of("uber-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1", "uberctx-tenant", "acme"), headers);
  }

  @Test
  void eachFormatIsReadBack() {
    assertExtractsTheCaller(propagator("tracecontext"), Map.of("traceparent", TRACEPARENT));
    assertExtractsTheCaller(propagator("b3"), Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1"));
    assertExtractsTheCaller(propagator("b3multi"),
        Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1"));
    TextMapPropagator jaeger = propagator("jaeger");
    Map<String, String> jaegerHeaders = Map.of("uber-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1",
        "uberctx-tenant", "acme");
    assertExtractsTheCaller(jaeger, jaegerHeaders);
    assertEquals("acme", Baggage.fromContext(jaeger.extract(Context.root(), jaegerHeaders, MAP_GETTER))
        .getEntryValue("tenant"));
  }

  @Test
  void severalFormatsAreAllWrittenAndAnyOfThemIsRead() {
    TextMapPropagator propagator = propagator("tracecontext, b3multi ,jaeger");

    Map<String, String> headers = inject(propagator);

    assertTrue(headers.containsKey("traceparent"));
    assertTrue(headers.containsKey("X-B3-TraceId"));
    assertTrue(headers.containsKey("uber-trace-id"));
    assertExtractsTheCaller(propagator, Map.of("traceparent", TRACEPARENT));
    assertExtractsTheCaller(propagator,
        Map.of("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1"));
    assertExtractsTheCaller(propagator, Map.of("uber-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1"));
  }

  @Test
  void aFormatNotConfiguredIsNotRead() {
    assertFalse(extractedSpan(propagator("tracecontext"), Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1")).isValid());
  }

  @Test
  void noneWritesAndReadsNothing() {
    TextMapPropagator propagator = propagator("none");

    assertEquals(Map.of(), inject(propagator));
    assertFalse(extractedSpan(propagator, Map.of("traceparent", TRACEPARENT)).isValid());
    assertEquals("", problems.toString());
  }

  @Test
  void unknownWordsAreReportedInOneLineAndSkipped() {
    TextMapPropagator propagator = propagator("xray,b3,ottrace");

    assertEquals(Map.of("b3", TRACE_ID + "-" + SPAN_ID + "-1"), inject(propagator));
    assertEquals("[tracer] invalid configuration otel.propagators=\"xray,b3,ottrace\" (accepted: a comma list of "
        + "tracecontext, baggage, b3, b3multi, jaeger, none); using b3 (skipped xray, ottrace)\n", problems.toString());
  }

  @Test
  void onlyUnknownWordsFallBackToTheDefault() {
    TextMapPropagator propagator = propagator("xray");

    assertTrue(inject(propagator).containsKey("traceparent"));
    assertTrue(problems.toString().contains("using tracecontext,baggage (skipped xray)"), problems.toString());
  }

  /** Found by {@link PropagationFuzzTest}: the SDK's baggage propagator throws on a lone surrogate. */
  @Test
  void aFormatThatFailsLeavesTheOthersWorking() {
    TextMapPropagator propagator = propagator("tracecontext,baggage,b3");
    SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());
    Context context = Context.root().with(Span.wrap(span))
        .with(Baggage.builder().put("note", "broken \ud83d half").build());
    Map<String, String> carrier = new HashMap<>();

    propagator.inject(context, carrier, (map, key, value) -> map.put(key, value));

    assertEquals(Map.of("traceparent", TRACEPARENT, "b3", TRACE_ID + "-" + SPAN_ID + "-1"), carrier);
  }

  @Test
  void aFormatWhoseCarrierFailsLeavesTheContextAsItWas() {
    TextMapPropagator propagator = propagator("tracecontext,baggage");
    TextMapGetter<Map<String, String>> failingGetter = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Map<String, String> carrier) {
        return carrier.keySet();
      }

      @Override
      public String get(Map<String, String> carrier, String key) {
        if (key.equals("baggage")) {
          throw new IllegalStateException("a carrier that fails on one header");
        }
        return carrier.get(key);
      }
    };

    Context extracted = propagator.extract(Context.root(), Map.of("traceparent", TRACEPARENT, "baggage", "a=b"),
        failingGetter);

    assertEquals(TRACE_ID, Span.fromContext(extracted).getSpanContext().getTraceId());
    assertTrue(Baggage.fromContext(extracted).isEmpty());
  }
}
