package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplerFactoryTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
  private final TestClock clock = TestClock.create();

  private Sampler sampler(String name, String arg) {
    Map<String, String> map = new HashMap<>();
    if (name != null) {
      map.put("OTEL_TRACES_SAMPLER", name);
    }
    if (arg != null) {
      map.put("OTEL_TRACES_SAMPLER_ARG", arg);
    }
    return SamplerFactory.create(TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true))), clock,
        "orders", false);
  }

  private static SamplingDecision decide(Sampler sampler, Context parent, String traceId) {
    return sampler.shouldSample(parent, traceId, "GET /", SpanKind.SERVER, Attributes.empty(),
        Collections.emptyList()).getDecision();
  }

  private static Context remoteParent(boolean sampled) {
    SpanContext parent = SpanContext.createFromRemoteParent(TRACE_ID, "00f067aa0ba902b7",
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    return Context.root().with(Span.wrap(parent));
  }

  private String problemLines() {
    return problems.toString();
  }

  @Test
  void defaultIsParentBasedRatioOfOne() {
    Sampler sampler = sampler(null, null);

    assertEquals("ParentBased{root:TraceIdRatioBased{1.000000},remoteParentSampled:AlwaysOnSampler,"
        + "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
        + "localParentNotSampled:AlwaysOffSampler}", sampler.getDescription());
    assertEquals("", problemLines());
  }

  @ParameterizedTest
  @CsvSource({
      "always_on, , AlwaysOnSampler",
      "ALWAYS_OFF, , AlwaysOffSampler",
      "traceidratio, 0.25, TraceIdRatioBased{0.250000}",
      "parentbased_always_on, , ParentBased{root:AlwaysOnSampler",
      "parentbased_always_off, , ParentBased{root:AlwaysOffSampler",
      "parentbased_traceidratio, 0.1, ParentBased{root:TraceIdRatioBased{0.100000}",
      "const, 0, ParentBased{root:AlwaysOffSampler",
      "const, 1, ParentBased{root:AlwaysOnSampler",
      "const, , ParentBased{root:AlwaysOnSampler",
      "probabilistic, 0.05, ParentBased{root:TraceIdRatioBased{0.050000}",
      "rate_limiting, 20, ParentBased{root:RateLimitingSampler{20.0 traces per second}",
      "rate_limiting, , ParentBased{root:RateLimitingSampler{1.0 traces per second}",
  })
  void eachNameBuildsTheSamplerItsDescriptionNames(String name, String arg, String descriptionStart) {
    String description = sampler(name, arg).getDescription();

    assertTrue(description.startsWith(descriptionStart), description);
    assertEquals("", problemLines());
  }

  @ParameterizedTest
  @CsvSource({
      "traceidratio, abc, 'a number from 0.0 to 1.0', TraceIdRatioBased{1.000000}",
      "parentbased_traceidratio, 1.5, 'a number from 0.0 to 1.0', ParentBased{root:TraceIdRatioBased{1.000000}",
      "probabilistic, -1, 'a number from 0.0 to 1.0', ParentBased{root:TraceIdRatioBased{1.000000}",
      "const, 0.5, '1 or 0', ParentBased{root:AlwaysOnSampler",
      "rate_limiting, -1, 'above 0', ParentBased{root:RateLimitingSampler{1.0 traces",
      "rate_limiting, abc, 'above 0', ParentBased{root:RateLimitingSampler{1.0 traces",
  })
  void badArgumentIsReportedOnceAndReplacedByItsDefault(String name, String arg, String accepted,
      String descriptionStart) {
    String description = sampler(name, arg).getDescription();

    assertTrue(description.startsWith(descriptionStart), description);
    String[] lines = problemLines().split("\n");
    assertEquals(1, lines.length, problemLines());
    assertTrue(lines[0].startsWith("[tracer] invalid configuration otel.traces.sampler.arg=\"" + arg + "\""),
        lines[0]);
    assertTrue(lines[0].contains(accepted), lines[0]);
  }

  @Test
  void unknownSamplerIsReportedAndTheDefaultUsedWithoutTheArgument() {
    Sampler sampler = sampler("rate_limitng", "0.3");

    assertTrue(sampler.getDescription().startsWith("ParentBased{root:TraceIdRatioBased{1.000000}"));
    assertEquals("[tracer] invalid configuration otel.traces.sampler=\"rate_limitng\" (accepted: one of always_on, "
        + "always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, const, "
        + "probabilistic, rate_limiting, rules); using parentbased_traceidratio with ratio 1.0\n", problemLines());
  }

  @Test
  void ratioSamplesThatShareOfRootTraces() {
    Sampler sampler = sampler("traceidratio", "0.25");
    Random random = new Random(20240611L);
    byte[] traceId = new byte[16];
    int sampled = 0;
    int traces = 20_000;
    for (int i = 0; i < traces; i++) {
      random.nextBytes(traceId);
      if (decide(sampler, Context.root(), HexFormat.of().formatHex(traceId)) == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }

    // binomial standard deviation is about 0.003 here: 0.02 is more than six of them
    assertEquals(0.25, sampled / (double) traces, 0.02);
  }

  @Test
  void jaegerSamplersFollowTheParentAndDecideOnlyAtTheRoot() {
    Sampler nothingAtRoot = sampler("const", "0");
    assertEquals(SamplingDecision.DROP, decide(nothingAtRoot, Context.root(), TRACE_ID));
    assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(nothingAtRoot, remoteParent(true), TRACE_ID));

    Sampler oncePerSecond = sampler("rate_limiting", "1");
    assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(oncePerSecond, Context.root(), TRACE_ID));
    assertEquals(SamplingDecision.DROP, decide(oncePerSecond, Context.root(), TRACE_ID));
    // the bucket is empty, but a sampled caller's trace is continued, an unsampled one is not
    assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(oncePerSecond, remoteParent(true), TRACE_ID));
    assertEquals(SamplingDecision.DROP, decide(sampler("probabilistic", "1"), remoteParent(false), TRACE_ID));
  }

  @ParameterizedTest
  @CsvSource({
      "parentbased_traceidratio, 0.01, true",
      "rate_limiting, 5, true",
      "always_on, , true",
      "always_off, , false",
      "parentbased_always_off, , false",
      "const, 0, false",
  })
  void droppedTracesAreRecordedForKeepingUnlessTheSamplerMeansNoTracing(String name, String arg, boolean recorded) {
    Map<String, String> map = new HashMap<>();
    map.put("OTEL_TRACES_SAMPLER", name);
    if (arg != null) {
      map.put("OTEL_TRACES_SAMPLER_ARG", arg);
    }
    Sampler sampler = SamplerFactory.create(TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true))),
        clock, "orders", true);

    assertEquals(recorded, sampler.getDescription().startsWith("RecordWhenDropped{"), sampler.getDescription());
  }

  @Test
  void whatTheSamplerDropsIsRecordedOnlyAndWhatItSamplesStaysSampled() {
    Map<String, String> map = Map.of("OTEL_TRACES_SAMPLER", "parentbased_always_off");
    Sampler sampler = new RecordWhenDroppedSampler(SamplerFactory.create(
        TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true))), clock, "orders", false));

    assertEquals(SamplingDecision.RECORD_ONLY, decide(sampler, Context.root(), TRACE_ID));
    assertEquals(SamplingDecision.RECORD_ONLY, decide(sampler, remoteParent(false), TRACE_ID));
    assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(sampler, remoteParent(true), TRACE_ID));
  }
}
