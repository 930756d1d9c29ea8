package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code otel.traces.sampler=rules} with its file, and the environments' default rates. */
class SamplingRulesTest {

  private static final String OWN_RULES = "default: {rate: 0.1}\n"
      + "rules:\n"
      + "  - {operation: \"POST /api/payments/*\", rate: 1.0}\n"
      + "  - {operation: \"GET /api/materials/*\", rate: 0.05}\n"
      + "  - {operation: \"GET /health\", rate: 0}\n";
  private static final String JAEGER_STRATEGIES = "{\n"
      + "  \"service_strategies\": [\n"
      + "    {\"service\": \"billing\", \"type\": \"probabilistic\", \"param\": 0.9},\n"
      + "    {\"service\": \"orders\", \"type\": \"probabilistic\", \"param\": 0.1,\n"
      + "     \"operation_strategies\": [\n"
      + "       {\"operation\": \"POST /api/payments/*\", \"type\": \"probabilistic\", \"param\": 1.0},\n"
      + "       {\"operation\": \"GET /api/search\", \"type\": \"ratelimiting\", \"param\": 2}]}\n"
      + "  ],\n"
      + "  \"default_strategy\": {\"type\": \"probabilistic\", \"param\": 0.5,\n"
      + "    \"operation_strategies\": [\n"
      + "      {\"operation\": \"GET /api/materials/*\", \"type\": \"probabilistic\", \"param\": 0.05},\n"
      + "      {\"operation\": \"POST /api/payments/*\", \"type\": \"probabilistic\", \"param\": 0.0}]}\n"
      + "}\n";

  @TempDir
  Path folder;
  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();
  private final TestClock clock = TestClock.create();

  private Sampler sampler(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    TracerConfig config = TracerConfig.of(settings, new ConfigProblems(new PrintStream(problems, true)));
    return SamplerFactory.create(config, clock, "orders", false);
  }

  private Sampler rulesFrom(String fileName, String content) throws IOException {
    Path file = folder.resolve(fileName);
    Files.writeString(file, content);
    return sampler("otel.traces.sampler", "rules", "otel.traces.sampler.rules.file", file.toString());
  }

  private List<String> problemLines() {
    return problems.toString(StandardCharsets.UTF_8).lines().toList();
  }

  /** The share of {@code roots} root spans of that name sampled, over trace ids from a fixed seed. */
  private static double sampledShare(Sampler sampler, String name, Attributes attributes, int roots) {
    Random random = new Random(name.hashCode());
    byte[] traceId = new byte[16];
    int sampled = 0;
    for (int i = 0; i < roots; i++) {
      random.nextBytes(traceId);
      if (sampler.shouldSample(Context.root(), HexFormat.of().formatHex(traceId), name, SpanKind.SERVER, attributes,
          Collections.emptyList()).getDecision() == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }
    return sampled / (double) roots;
  }

  private static double sampledShare(Sampler sampler, String name) {
    return sampledShare(sampler, name, Attributes.empty(), 20_000);
  }

  @Test
  void ownRulesSetTheRateOfEachOperationAndTheRestGetTheDefault() throws IOException {
    Sampler sampler = rulesFrom("rules.yaml", OWN_RULES);

    // binomial standard deviation is at most 0.0036 over 20000 roots: 0.02 is more than five of them
    assertEquals(1.0, sampledShare(sampler, "POST /api/payments/*"), 0.0);
    assertEquals(0.05, sampledShare(sampler, "GET /api/materials/*"), 0.01);
    assertEquals(0.0, sampledShare(sampler, "GET /health"), 0.0);
    assertEquals(0.1, sampledShare(sampler, "GET /api/orders/*"), 0.02);
    Attributes springPayment = Attributes.of(AttributeKey.stringKey("http.request.method"), "POST",
        AttributeKey.stringKey("url.path"), "/api/payments/42");
    assertEquals(1.0, sampledShare(sampler, "POST", springPayment, 1000), 0.0);
    assertEquals(List.of(), problemLines());
  }

  @Test
  void jaegerStrategiesTakeThisServicesEntryThenTheDefaultsOperations() throws IOException {
    Sampler sampler = rulesFrom("strategies.json", JAEGER_STRATEGIES);

    assertEquals(1.0, sampledShare(sampler, "POST /api/payments/*"), 0.0, "the service's operation wins");
    assertEquals(0.05, sampledShare(sampler, "GET /api/materials/*"), 0.01, "the default strategy's operation");
    assertEquals(0.1, sampledShare(sampler, "GET /api/orders/*"), 0.02, "the service's own rate");
    // two traces per second: with the clock standing still, the burst of two and nothing more
    assertEquals(2, Math.round(sampledShare(sampler, "GET /api/search", Attributes.empty(), 100) * 100));
    assertEquals(List.of(), problemLines());
  }

  @Test
  void jaegerDefaultStrategyServesAServiceNotListed() throws IOException {
    Sampler sampler = rulesFrom("strategies.json", JAEGER_STRATEGIES.replace("\"orders\"", "\"shipping\""));

    assertEquals(0.0, sampledShare(sampler, "POST /api/payments/*"), 0.0);
    assertEquals(0.5, sampledShare(sampler, "GET /api/orders/*"), 0.02);
  }

  @Test
  void rulesFollowTheParentBelowTheRoot() throws IOException {
    Sampler sampler = rulesFrom("rules.yaml", OWN_RULES);

    assertTrue(sampler.getDescription().startsWith("ParentBased{root:RuleBased{POST /api/payments/*:"),
        sampler.getDescription());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rules.yaml | 'rules: [{operation: \"GET /a\", rate: 2}]' | rules[0].rate is 2.0, not a number from 0 to 1",
      "rules.yaml | 'rules: [{operation: \"GET /a\"}]' | rules[0] needs exactly one of rate (0 to 1) and traces_per_second",
      "rules.yaml | 'rules: [{operation: \"GET /a\", rate: 0.5, traces_per_second: 3}]' | rules[0] needs exactly one of",
      "rules.yaml | 'rules: [{name: \"GET /a\", rate: 0.5}]' | rules[0] has the unknown key \"name\"",
      "rules.yaml | 'rules: [{rate: 0.5}]' | rules[0].operation is missing, not a string",
      "rules.yaml | 'rules: {operation: x}' | rules is an object, not a list",
      "rules.yaml | 'rule: []' | the top level has the unknown key \"rule\"",
      "rules.yaml | '[1, 2]' | the top level is a list, not an object",
      "rules.yaml | '' | is empty",
      "rules.yaml | 'rules: [{operation: \"GET /a\", rate: \"half\"}]' | rules[0].rate is \"half\", not a number",
      "rules.json | '{\"rules\": [' | is not valid JSON",
      "s.json | '{\"default_strategy\": {\"type\": \"adaptive\", \"param\": 1}}' | default_strategy.type is \"adaptive\", not probabilistic or ratelimiting",
      "s.json | '{\"default_strategy\": {\"type\": \"probabilistic\"}}' | default_strategy has no param",
      "s.json | '{\"default_strategy\": {\"type\": \"ratelimiting\", \"param\": -1}}' | default_strategy.param is -1.0, not a number of traces per second",
  })
  void aBadFileIsToldInOneLineAndTheDefaultRateSamples(String fileName, String content, String reason)
      throws IOException {
    Sampler sampler = rulesFrom(fileName, content);

    assertEquals("ParentBased{root:TraceIdRatioBased{1.000000}", sampler.getDescription().split(",")[0]);
    List<String> lines = problemLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[tracer] sampling rules file " + folder.resolve(fileName)
        + " (otel.traces.sampler.rules.file) "), lines.get(0));
    assertTrue(lines.get(0).contains(reason), lines.get(0));
    assertTrue(lines.get(0).endsWith("; it is ignored and sampling is TraceIdRatioBased{1.000000}"), lines.get(0));
  }

  @Test
  void aMissingFileAndAMissingKeyAreTold() {
    sampler("otel.traces.sampler", "rules", "otel.traces.sampler.rules.file", folder.resolve("nope.yaml").toString(),
        "otel.traces.sampler.arg", "0.25");
    sampler("otel.traces.sampler", "rules");

    assertEquals(List.of("[tracer] sampling rules file " + folder.resolve("nope.yaml")
            + " (otel.traces.sampler.rules.file) does not exist; it is ignored and sampling is "
            + "TraceIdRatioBased{0.250000}",
        "[tracer] invalid configuration otel.traces.sampler=rules needs otel.traces.sampler.rules.file, which is not "
            + "set; sampling with TraceIdRatioBased{1.000000}"), problemLines());
  }

  @ParameterizedTest
  @CsvSource({
      "development, 1.000000",
      "STAGING, 0.500000",
      "production, 0.100000",
  })
  void theEnvironmentSetsTheDefaultRate(String environment, String ratio) {
    assertEquals("ParentBased{root:TraceIdRatioBased{" + ratio + "}",
        sampler("otel.traces.sampler.environment", environment).getDescription().split(",")[0]);
    assertEquals(List.of(), problemLines());
  }

  @Test
  void theArgumentAndTheFilesDefaultWinOverTheEnvironment() throws IOException {
    assertEquals("ParentBased{root:TraceIdRatioBased{0.300000}", sampler("otel.traces.sampler.environment",
        "production", "otel.traces.sampler.arg", "0.3").getDescription().split(",")[0]);
    Path file = folder.resolve("rules.yaml");
    Files.writeString(file, "rules: [{operation: \"GET /a\", rate: 1}]\n");
    Sampler rules = sampler("otel.traces.sampler", "rules", "otel.traces.sampler.rules.file", file.toString(),
        "otel.traces.sampler.environment", "production");
    assertTrue(rules.getDescription().contains("default:TraceIdRatioBased{0.100000}"), rules.getDescription());
  }

  @Test
  void environmentRatesCanBeRedefined() {
    assertEquals("ParentBased{root:TraceIdRatioBased{0.200000}", sampler("otel.traces.sampler.environment", "qa",
        "otel.traces.sampler.environment.rates", "qa=0.2,production=0.01").getDescription().split(",")[0]);
  }

  @Test
  void anUnknownEnvironmentIsToldAndSamplesEverything() {
    assertEquals("ParentBased{root:TraceIdRatioBased{1.000000}",
        sampler("otel.traces.sampler.environment", "prod").getDescription().split(",")[0]);
    assertEquals(List.of("[tracer] invalid configuration otel.traces.sampler.environment=\"prod\" (accepted: one of "
        + "development, staging, production (otel.traces.sampler.environment.rates)); using ratio 1.0"),
        problemLines());
  }
}
