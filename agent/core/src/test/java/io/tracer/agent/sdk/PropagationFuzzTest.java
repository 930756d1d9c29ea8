package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.tracer.agent.sdk.FuzzedHeaders.HeaderSet;
import io.tracer.agent.sdk.FuzzedHeaders.Ids;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whatever a caller sends in propagation headers, extraction through the agent's configured propagators (every
 * format at once) throws nothing, keeps bounded baggage and trace state, and yields either a context the headers
 * really carried or none, which starts a new trace; injecting the result throws nothing and round-trips.
 *
 * <p>Replay a failure with {@code -Dtracer.fuzz.seed=<seed>}; {@code -Dtracer.fuzz.cases=<n>} changes the count.
 */
class PropagationFuzzTest {

  private static final long SEED = Long.getLong("tracer.fuzz.seed", 20261201L);
  private static final int CASES = Integer.getInteger("tracer.fuzz.cases", 100_000);
  /** The W3C Baggage limits, which the SDK's and our own propagators enforce on extraction. */
  private static final int MAX_BAGGAGE_ENTRIES = 64;
  private static final int MAX_BAGGAGE_CHARS = 8192;
  /** The W3C Trace Context limit of list members. */
  private static final int MAX_TRACE_STATE_ENTRIES = 32;
  /** Injection writes each format once, plus bounded baggage (percent-encoding may grow it ninefold). */
  private static final int MAX_INJECTED_CHARS = 2 * 9 * MAX_BAGGAGE_CHARS + 4096;
  private static final String ALL_PROPAGATORS = "tracecontext,baggage,b3,b3multi,jaeger";

  private static final TextMapGetter<Map<String, List<String>>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, List<String>> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, List<String>> carrier, String key) {
      List<String> values = carrier == null ? null : carrier.get(key);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Iterator<String> getAll(Map<String, List<String>> carrier, String key) {
      List<String> values = carrier == null ? null : carrier.get(key);
      return values == null ? Collections.emptyIterator() : values.iterator();
    }
  };

  @ParameterizedTest(name = "jaeger headers {0}, {1}*")
  @CsvSource({"uber-trace-id, uberctx-", "x-request-trace, x-ctx-"})
  void extractionOfFuzzedHeadersIsSafeAndBounded(String jaegerTraceHeader, String jaegerBaggagePrefix) {
    long seed = SEED + jaegerTraceHeader.hashCode();
    System.out.println("propagation fuzz: seed " + seed + ", " + CASES + " header sets, jaeger headers "
        + jaegerTraceHeader + " and " + jaegerBaggagePrefix + "*");
    // as the agent does at start: the SDK would log a line per malformed baggage entry, and slow the run tenfold
    ExporterLogSilencer.silence();
    TextMapPropagator propagator = configuredPropagator(jaegerTraceHeader, jaegerBaggagePrefix);
    FuzzedHeaders generator = new FuzzedHeaders(seed, jaegerTraceHeader, jaegerBaggagePrefix);
    Tally tally = new Tally();
    for (int caseNumber = 0; caseNumber < CASES; caseNumber++) {
      HeaderSet headers = generator.next();
      try {
        checkOne(propagator, headers, tally);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("seed " + seed + ", case " + caseNumber + ", headers " + shortly(headers), failure);
      }
    }
    System.out.println("propagation fuzz: " + tally);
    // the generator must have reached every outcome, or the run proved less than it claims
    assertTrue(tally.continued > CASES / 10 && tally.newTraces > CASES / 10, tally.toString());
    assertTrue(tally.largestBaggageSent > 1000 && tally.largestHeaderSet > 1000, tally.toString());
  }

  private static void checkOne(TextMapPropagator propagator, HeaderSet headers, Tally tally) {
    Context extracted = propagator.extract(Context.root(), headers.headers(), GETTER);
    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    if (remote.isValid()) {
      tally.continued++;
      assertTrue(remote.isRemote(), "an extracted context is remote");
      assertCarriedByHeaders(remote, headers);
      assertTrue(remote.getTraceState().size() <= MAX_TRACE_STATE_ENTRIES,
          remote.getTraceState().size() + " trace state entries");
    } else {
      tally.newTraces++;
    }
    if (headers.onlyBrokenTraceHeaders()) {
      assertFalse(remote.isValid(), "broken headers gave " + remote);
    }
    if (headers.onlyValidTraceHeaders()) {
      assertTrue(headers.validTraceHeaders().contains(new Ids(remote.getTraceId(), remote.getSpanId())),
          "valid headers " + headers.validTraceHeaders() + " gave " + remote);
    }
    Baggage baggage = Baggage.fromContext(extracted);
    int[] chars = {0};
    baggage.forEach((key, entry) -> chars[0] += key.length() + entry.getValue().length());
    assertTrue(baggage.size() <= MAX_BAGGAGE_ENTRIES, baggage.size() + " baggage entries kept");
    assertTrue(chars[0] <= MAX_BAGGAGE_CHARS, chars[0] + " baggage characters kept");
    tally.record(headers, baggage.size());

    Map<String, List<String>> injected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    propagator.inject(extracted, injected,
        (carrier, key, value) -> carrier.computeIfAbsent(key, ignored -> new ArrayList<>()).add(value));
    int injectedChars = injected.entrySet().stream()
        .mapToInt(header -> header.getKey().length() + header.getValue().stream().mapToInt(String::length).sum())
        .sum();
    assertTrue(injectedChars <= MAX_INJECTED_CHARS, injectedChars + " characters injected");
    SpanContext roundTrip = Span.fromContext(propagator.extract(Context.root(), injected, GETTER)).getSpanContext();
    assertEquals(remote.isValid(), roundTrip.isValid(), "validity after injection and extraction");
    if (remote.isValid()) {
      assertEquals(remote.getTraceId(), roundTrip.getTraceId());
      assertEquals(remote.getSpanId(), roundTrip.getSpanId());
      assertEquals(remote.isSampled(), roundTrip.isSampled());
    }
  }

  /** Both ids, without the zeros a short form leaves out, are in some header value as sent or percent-decoded. */
  private static void assertCarriedByHeaders(SpanContext remote, HeaderSet headers) {
    String traceId = remote.getTraceId().replaceFirst("^0+", "");
    String spanId = remote.getSpanId().replaceFirst("^0+", "");
    List<String> values = new ArrayList<>();
    headers.headers().values().forEach(list -> list.forEach(value -> {
      values.add(value.toLowerCase(Locale.ROOT));
      try {
        values.add(URLDecoder.decode(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException notPercentEncoded) {
        // the value as sent is already in the list
      }
    }));
    if (values.stream().noneMatch(value -> value.contains(traceId))
        || values.stream().noneMatch(value -> value.contains(spanId))) {
      fail("extracted " + remote + " is in no header");
    }
  }

  private static TextMapPropagator configuredPropagator(String jaegerTraceHeader, String jaegerBaggagePrefix) {
    ByteArrayOutputStream problems = new ByteArrayOutputStream();
    TracerConfig config = TracerConfig.of(Map.of(
            "otel.propagators", ALL_PROPAGATORS,
            "otel.propagation.jaeger.trace-id-header", jaegerTraceHeader,
            "otel.propagation.jaeger.baggage-header-prefix", jaegerBaggagePrefix),
        new ConfigProblems(new PrintStream(problems, true, StandardCharsets.UTF_8)));
    TextMapPropagator propagator = PropagatorFactory.create(config).getTextMapPropagator();
    assertEquals("", problems.toString(StandardCharsets.UTF_8), "the configuration is valid");
    return propagator;
  }

  /** The headers as printable ASCII, cut: a report with control characters or a megabyte of text helps no one. */
  private static String shortly(HeaderSet headers) {
    String text = headers.headers().toString();
    StringBuilder printable = new StringBuilder();
    for (int i = 0; i < text.length() && printable.length() < 2000; i++) {
      char c = text.charAt(i);
      printable.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return printable + (printable.length() < 2000 ? "" : "... (" + text.length() + " characters)");
  }

  /** What the run covered, printed for the README's figures. */
  private static final class Tally {
    int continued;
    int newTraces;
    int largestBaggageSent;
    int largestBaggageKept;
    int largestHeaderSet;

    void record(HeaderSet headers, int baggageKept) {
      int baggageSent = 0;
      for (Map.Entry<String, List<String>> header : headers.headers().entrySet()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        for (String value : header.getValue()) {
          baggageSent += name.equals("baggage") || name.equals("jaeger-baggage") ? value.split(",", -1).length
              : name.startsWith("uberctx-") || name.startsWith("x-ctx-") ? 1 : 0;
        }
      }
      largestBaggageSent = Math.max(largestBaggageSent, baggageSent);
      largestBaggageKept = Math.max(largestBaggageKept, baggageKept);
      largestHeaderSet = Math.max(largestHeaderSet, headers.headers().size());
    }

    @Override
    public String toString() {
      return continued + " continued a trace, " + newTraces + " started a new one; up to " + largestHeaderSet
          + " headers and " + largestBaggageSent + " baggage entries sent, at most " + largestBaggageKept + " kept";
    }
  }
}
