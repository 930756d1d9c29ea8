package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Jaeger headers under the names a jaeger-client configuration chose ({@code trace_id_header}, ...). */
class CustomHeaderJaegerPropagatorTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  /** Headers as a servlet container hands them over: names compared case-insensitively. */
  private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier.get(key);
    }
  };

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  private TextMapPropagator configured(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.propagators", "jaeger");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return PropagatorFactory.create(TracerConfig.of(settings, new ConfigProblems(new PrintStream(problems, true))))
        .getTextMapPropagator();
  }

  private static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return headers;
  }

  private static Context callerContext(TraceFlags flags) {
    SpanContext span = SpanContext.create(TRACE_ID, SPAN_ID, flags, TraceState.getDefault());
    return Context.root().with(Span.wrap(span))
        .with(Baggage.builder().put("tenant", "acme corp").put("user", "a+b").build());
  }

  private static Map<String, String> inject(TextMapPropagator propagator, Context context) {
    Map<String, String> carrier = new TreeMap<>();
    propagator.inject(context, carrier, (map, key, value) -> map.put(key, value));
    return carrier;
  }

  private static Context extract(TextMapPropagator propagator, Map<String, String> headers) {
    return propagator.extract(Context.root(), headers, HEADERS);
  }

  @Test
  void writesUnderTheConfiguredNamesWithPercentEncodedBaggage() {
    TextMapPropagator propagator = configured("otel.propagation.jaeger.trace-id-header", "X-Trace-Id",
        "otel.propagation.jaeger.baggage-header-prefix", "X-Ctx-");

    Map<String, String> written = inject(propagator, callerContext(TraceFlags.getSampled()));

    assertEquals(Map.of("x-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1", "x-ctx-tenant", "acme%20corp",
        "x-ctx-user", "a%2Bb"), written);
    assertEquals(List.of("x-trace-id"), List.copyOf(propagator.fields()));
    assertEquals("", problems.toString());
  }

  @Test
  void readsWhatItWroteAndWhatAJaegerClientSends() {
    TextMapPropagator propagator = configured("otel.propagation.jaeger.trace-id-header", "x-trace-id",
        "otel.propagation.jaeger.baggage-header-prefix", "x-ctx-");

    Context roundTrip = extract(propagator, headers(inject(propagator, callerContext(TraceFlags.getDefault()))));
    SpanContext span = Span.fromContext(roundTrip).getSpanContext();
    assertEquals(TRACE_ID, span.getTraceId());
    assertEquals(SPAN_ID, span.getSpanId());
    assertTrue(span.isRemote());
    assertFalse(span.isSampled());
    assertEquals("acme corp", Baggage.fromContext(roundTrip).getEntryValue("tenant"));
    assertEquals("a+b", Baggage.fromContext(roundTrip).getEntryValue("user"));

    // a jaeger-client: a 64-bit trace id, its parent, hex flags (3 = sampled and debug), URL-encoded, mixed case
    Context fromClient = extract(propagator, headers("X-Trace-Id", "a3ce929d0e0e4736%3A00f067aa0ba902b7%3A1%3A3",
        "X-Ctx-Order-Id", "42", "uber-trace-id", "ignored:ignored:0:1", "uberctx-ignored", "yes"));
    SpanContext client = Span.fromContext(fromClient).getSpanContext();
    assertEquals("0000000000000000a3ce929d0e0e4736", client.getTraceId());
    assertEquals(SPAN_ID, client.getSpanId());
    assertTrue(client.isSampled());
    assertEquals(Map.of("order-id", "42"), Map.copyOf(Baggage.fromContext(fromClient).asMap().entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getValue()))));
  }

  @Test
  void malformedTraceHeadersGiveNoParent() {
    TextMapPropagator propagator = configured("otel.propagation.jaeger.trace-id-header", "x-trace-id");
    for (String malformed : List.of("", "abc", "abc:def:0", "abc:def:0:1:2", "xyz:00f067aa0ba902b7:0:1",
        TRACE_ID + "0:" + SPAN_ID + ":0:1", TRACE_ID + ":" + SPAN_ID + "0:0:1", TRACE_ID + ":" + SPAN_ID + ":0:100",
        TRACE_ID + ":" + SPAN_ID + ":0:z", "0:" + SPAN_ID + ":0:1", TRACE_ID + "::0:1")) {
      Context extracted = extract(propagator, headers("x-trace-id", malformed));
      assertFalse(Span.fromContext(extracted).getSpanContext().isValid(), malformed);
    }
    assertSame(Context.root(), extract(propagator, headers("other", "x")));
  }

  @Test
  void speaksTheSameFormatAsOpenTelemetrysJaegerPropagatorUnderTheDefaultNames() {
    TextMapPropagator ours = new CustomHeaderJaegerPropagator("uber-trace-id", "uberctx-");
    TextMapPropagator theirs = JaegerPropagator.getInstance();
    Context caller = Context.root().with(Span.wrap(
        SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault())))
        .with(Baggage.builder().put("tenant", "acme").build());

    assertEquals(inject(theirs, caller), inject(ours, caller));
    Context ourReading = extract(ours, headers(inject(theirs, caller)));
    Context theirReading = extract(theirs, headers(inject(ours, caller)));
    assertEquals(Span.fromContext(theirReading).getSpanContext(), Span.fromContext(ourReading).getSpanContext());
    assertEquals(Baggage.fromContext(theirReading), Baggage.fromContext(ourReading));
  }

  @Test
  void theDefaultNamesKeepOpenTelemetrysPropagatorAndBadNamesAreReported() {
    // the configured propagator is wrapped (FailSafePropagator), which names what it wraps
    assertEquals(JaegerPropagator.getInstance().toString(), configured().toString());

    TextMapPropagator propagator = configured("otel.propagation.jaeger.trace-id-header", "trace id",
        "otel.propagation.jaeger.baggage-header-prefix", "ctx-");

    assertEquals(List.of("[tracer] invalid configuration otel.propagation.jaeger.trace-id-header=\"trace id\" "
        + "(accepted: an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)); using uber-trace-id"),
        problems.toString().lines().toList());
    assertEquals(List.of("uber-trace-id"), List.copyOf(propagator.fields()));
    assertEquals(Map.of("uber-trace-id", TRACE_ID + ":" + SPAN_ID + ":0:1", "ctx-tenant", "acme%20corp",
        "ctx-user", "a%2Bb"), inject(propagator, callerContext(TraceFlags.getSampled())));
  }

  private static Map<String, String> headers(Map<String, String> written) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(written);
    return headers;
  }
}
