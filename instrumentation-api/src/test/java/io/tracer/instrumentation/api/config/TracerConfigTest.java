package io.tracer.instrumentation.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TracerConfigTest {

  private static final List<String> EXPORTERS = Arrays.asList("otlp", "zipkin", "console", "none");

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ConfigProblems problems = new ConfigProblems(new PrintStream(stderr, true));

  private TracerConfig config(String... keysAndValues) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return TracerConfig.of(properties, problems);
  }

  private List<String> problemLines() {
    List<String> lines = new ArrayList<>();
    for (String line : new String(stderr.toByteArray(), StandardCharsets.UTF_8).split("\\R")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private String onlyProblemLine() {
    List<String> lines = problemLines();
    assertEquals(1, lines.size(), "expected exactly one line, got " + lines);
    return lines.get(0);
  }

  private void assertNoProblems() {
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void everySpellingOfAKeyIsTheSameKey() {
    assertEquals("otel.exporter.otlp.endpoint", TracerConfig.normalize(" OTEL_EXPORTER_OTLP_ENDPOINT "));
    assertEquals("otel.exporter.otlp.endpoint", TracerConfig.normalize("otel.exporter-otlp.endpoint"));

    TracerConfig config = config("OTEL_SERVICE_NAME", "orders");
    assertEquals("orders", config.getString("otel.service.name"));
    assertEquals("orders", config.getString("otel.service-name"));
    assertEquals("orders", config.getString("OTEL_SERVICE_NAME"));
    assertEquals(Collections.singletonMap("otel.service.name", "orders"), config.asMap());
  }

  @Test
  void whenTwoSpellingsCollideTheLastOneWins() {
    TracerConfig config = config("otel.service.name", "first", "OTEL_SERVICE_NAME", "second");
    assertEquals("second", config.getString("otel.service.name"));
  }

  @Test
  void stringsAreTrimmedAndBlankMeansUnset() {
    TracerConfig config = config("otel.service.name", "  orders  ", "otel.blank", "   ");
    assertEquals("orders", config.getString("otel.service.name"));
    assertNull(config.getString("otel.blank"));
    assertEquals("fallback", config.getString("otel.blank", "fallback"));
    assertEquals("fallback", config.getString("otel.missing", "fallback"));
  }

  @Test
  void booleansAcceptTrueAndFalseInAnyCase() {
    TracerConfig config = config("otel.a", "TRUE", "otel.b", "false", "otel.c", " True ");
    assertTrue(config.getBoolean("otel.a", false));
    assertFalse(config.getBoolean("otel.b", true));
    assertTrue(config.getBoolean("otel.c", false));
    assertTrue(config.getBoolean("otel.missing", true));
    assertNoProblems();
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "enabled", "truee"})
  void aBadBooleanIsToldOnceAndTheDefaultIsUsed(String bad) {
    TracerConfig config = config("otel.enabled", bad);
    assertTrue(config.getBoolean("otel.enabled", true));
    assertTrue(config.getBoolean("otel.enabled", true));
    assertEquals("[tracer] invalid configuration otel.enabled=\"" + bad + "\" (accepted: true or false); using true",
        onlyProblemLine());
  }

  @Test
  void wholeNumbersWithinTheirRangeAreAccepted() {
    TracerConfig config = config("otel.int", "42", "otel.min", "1", "otel.max", "100", "otel.long", "10000000000");
    assertEquals(42, config.getInt("otel.int", 7, 1, 100));
    assertEquals(1, config.getInt("otel.min", 7, 1, 100));
    assertEquals(100, config.getInt("otel.max", 7, 1, 100));
    assertEquals(10_000_000_000L, config.getLong("otel.long", 7, 0, Long.MAX_VALUE));
    assertEquals(7, config.getInt("otel.missing", 7, 1, 100));
    assertNoProblems();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-5", "2.5", "12abc", "ten", "99999999999999999999"})
  void aBadWholeNumberIsToldOnceAndTheDefaultIsUsed(String bad) {
    TracerConfig config = config("otel.bsp.max.export.batch.size", bad);
    assertEquals(7, config.getInt("otel.bsp.max.export.batch.size", 7, 1, 100));
    assertEquals(7, config.getInt("otel.bsp.max.export.batch.size", 7, 1, 100));
    assertEquals("[tracer] invalid configuration otel.bsp.max.export.batch.size=\"" + bad
        + "\" (accepted: a whole number from 1 to 100); using 7", onlyProblemLine());
  }

  @Test
  void aBadLongNamesItsRange() {
    TracerConfig config = config("otel.limit", "-1");
    assertEquals(5L, config.getLong("otel.limit", 5, 0, 1000));
    assertEquals("[tracer] invalid configuration otel.limit=\"-1\" (accepted: a whole number from 0 to 1000); using 5",
        onlyProblemLine());
  }

  @Test
  void decimalNumbersWithinTheirRangeAreAccepted() {
    TracerConfig config = config("otel.ratio", "0.25", "otel.whole", "1", "otel.exponent", "5e-1");
    assertEquals(0.25, config.getDouble("otel.ratio", 1.0, 0.0, 1.0));
    assertEquals(1.0, config.getDouble("otel.whole", 0.5, 0.0, 1.0));
    assertEquals(0.5, config.getDouble("otel.exponent", 1.0, 0.0, 1.0));
    assertEquals(1.0, config.getDouble("otel.missing", 1.0, 0.0, 1.0));
    assertNoProblems();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.1", "NaN", "Infinity", "half", "0,5"})
  void aBadDecimalNumberIsToldOnceAndTheDefaultIsUsed(String bad) {
    TracerConfig config = config("otel.traces.sampler.arg", bad);
    assertEquals(1.0, config.getDouble("otel.traces.sampler.arg", 1.0, 0.0, 1.0));
    assertEquals(1.0, config.getDouble("otel.traces.sampler.arg", 1.0, 0.0, 1.0));
    assertEquals("[tracer] invalid configuration otel.traces.sampler.arg=\"" + bad
        + "\" (accepted: a number from 0.0 to 1.0); using 1.0", onlyProblemLine());
  }

  @ParameterizedTest
  @CsvSource({"250ms, 250", "10s, 10000", "10S, 10000", "2m, 120000", "1h, 3600000", "1500, 1500", "0, 0",
      "'3 s', 3000"})
  void durationsAcceptUnitsOrPlainMilliseconds(String value, long expectedMillis) {
    assertEquals(expectedMillis, config("otel.bsp.schedule.delay", value).getDurationMillis("otel.bsp.schedule.delay", 5));
    assertNoProblems();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-5s", "1.5s", "ms", "10 minutes", "1d", "soon", "9999999999999999h"})
  void aBadDurationIsToldOnceAndTheDefaultIsUsed(String bad) {
    TracerConfig config = config("otel.exporter.otlp.timeout", bad);
    assertEquals(10_000, config.getDurationMillis("otel.exporter.otlp.timeout", 10_000));
    assertEquals(10_000, config.getDurationMillis("otel.exporter.otlp.timeout", 10_000));
    assertEquals("[tracer] invalid configuration otel.exporter.otlp.timeout=\"" + bad
        + "\" (accepted: a duration such as 250ms, 10s, 2m or a number of milliseconds); using 10000ms",
        onlyProblemLine());
  }

  @Test
  void listsSplitOnCommasTrimAndDropEmptyEntries() {
    TracerConfig config = config("otel.propagators", " tracecontext, b3 ,,baggage, ");
    assertEquals(Arrays.asList("tracecontext", "b3", "baggage"),
        config.getList("otel.propagators", Collections.<String>emptyList()));
    List<String> fallback = Arrays.asList("tracecontext", "baggage");
    assertEquals(fallback, config.getList("otel.missing", fallback));
  }

  @Test
  void mapValuesArePercentDecodedAndKeepPlusAndEqualsSigns() {
    TracerConfig config = config("otel.exporter.otlp.headers",
        "api-key=abc123, authorization=Basic dXNlcjpwYXNz+w==,team=red%20%26%20blue");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("api-key", "abc123");
    expected.put("authorization", "Basic dXNlcjpwYXNz+w==");
    expected.put("team", "red & blue");
    assertEquals(expected, config.getMap("otel.exporter.otlp.headers"));
    assertEquals(Collections.emptyMap(), config.getMap("otel.missing"));
    assertNoProblems();
  }

  @Test
  void malformedMapPairsAreToldOnceAndSkipped() {
    TracerConfig config = config("otel.resource.attributes", "team=red,no-equals-sign,=nameless,zone=eu");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("team", "red");
    expected.put("zone", "eu");
    assertEquals(expected, config.getMap("otel.resource.attributes"));
    assertEquals(expected, config.getMap("otel.resource.attributes"));
    assertEquals("[tracer] invalid configuration otel.resource.attributes=\"<41 characters, not shown>\""
        + " (accepted: a list of key=value pairs separated by commas); using the well-formed pairs", onlyProblemLine());
  }

  @Test
  void badPercentEncodingInAMapIsToldOnceAndThatPairSkipped() {
    TracerConfig config = config("otel.exporter.otlp.headers", "broken=%zz,ok=1");
    assertEquals(Collections.singletonMap("ok", "1"), config.getMap("otel.exporter.otlp.headers"));
    String line = onlyProblemLine();
    assertTrue(line.contains("otel.exporter.otlp.headers=\"<15 characters, not shown>\" (accepted: percent-encoded"));
    assertFalse(line.contains("broken"), "a header value may be a credential: " + line);
  }

  @Test
  void oneOfAcceptsAnyCaseAndReturnsTheLowerCaseWord() {
    TracerConfig config = config("otel.traces.exporter", "Zipkin");
    assertEquals("zipkin", config.getOneOf("otel.traces.exporter", "otlp", EXPORTERS));
    assertEquals("otlp", config.getOneOf("otel.missing", "otlp", EXPORTERS));
    assertNoProblems();
  }

  @Test
  void anUnknownWordIsToldOnceWithTheAcceptedWords() {
    TracerConfig config = config("otel.traces.exporter", "jaegerr");
    assertEquals("otlp", config.getOneOf("otel.traces.exporter", "otlp", EXPORTERS));
    assertEquals("otlp", config.getOneOf("otel.traces.exporter", "otlp", EXPORTERS));
    assertEquals("[tracer] invalid configuration otel.traces.exporter=\"jaegerr\""
        + " (accepted: one of otlp, zipkin, console, none); using otlp", onlyProblemLine());
  }

  /** As the OpenTelemetry specification asks of environment variables: an empty value is the same as unset. */
  @Test
  void anEmptyValueMeansUnsetForEveryTypeAndIsNotAProblem() {
    TracerConfig config = config("otel.empty", "", "otel.blank", " \t ");
    for (String key : Arrays.asList("otel.empty", "otel.blank")) {
      assertNull(config.getString(key));
      assertTrue(config.getBoolean(key, true));
      assertEquals(3, config.getInt(key, 3, 0, 10));
      assertEquals(4L, config.getLong(key, 4, 0, 10));
      assertEquals(0.5, config.getDouble(key, 0.5, 0.0, 1.0));
      assertEquals(6, config.getDurationMillis(key, 6));
      assertEquals(Collections.singletonList("x"), config.getList(key, Collections.singletonList("x")));
      assertEquals(Collections.emptyMap(), config.getMap(key));
      assertEquals("otlp", config.getOneOf(key, "otlp", EXPORTERS));
    }
    assertNoProblems();
  }

  @Test
  void eachBadKeyGetsItsOwnLine() {
    TracerConfig config = config("otel.a", "maybe", "otel.b", "lots");
    config.getBoolean("otel.a", false);
    config.getInt("otel.b", 1, 0, 10);
    config.getBoolean("otel.a", false);
    List<String> lines = problemLines();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("otel.a=\"maybe\""));
    assertTrue(lines.get(1).contains("otel.b=\"lots\""));
  }

  @Test
  void aMultiLineValueIsToldOnOneLine() {
    TracerConfig config = config("otel.enabled", "tr\nue\r\nx");
    assertTrue(config.getBoolean("otel.enabled", true));
    assertTrue(onlyProblemLine().contains("otel.enabled=\"tr\\nue\\r\\nx\""));
  }

  @Test
  void aMultiLineValueQuotedInWhatIsUsedInsteadIsStillOneLine() {
    problems.invalidValue("otel.propagators", "b3,x\ny", "a comma list", "b3 (skipped x\ny)");
    problems.problem("x\ny.yaml", "configuration file x\ny.yaml does not exist");
    assertEquals(Arrays.asList("[tracer] invalid configuration otel.propagators=\"b3,x\\ny\" (accepted: a comma list);"
        + " using b3 (skipped x\\ny)", "[tracer] configuration file x\\ny.yaml does not exist"), problemLines());
  }

  @Test
  void modulesFollowTheirOwnDefaultWhenNothingIsSet() {
    TracerConfig config = config();
    assertTrue(config.isModuleEnabled("jdbc", true));
    assertFalse(config.isModuleEnabled("executors", false));
  }

  @Test
  void commonDefaultEnabledFalseTurnsOffEveryModuleNotExplicitlyEnabled() {
    TracerConfig config = config("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false",
        "otel.instrumentation.jdbc.enabled", "true");
    assertTrue(config.isModuleEnabled("jdbc", true));
    assertFalse(config.isModuleEnabled("servlet", true));
    assertFalse(config.isModuleEnabled("executors", false));
  }

  @Test
  void anExplicitSettingOverridesTheModuleDefault() {
    TracerConfig config = config("otel.instrumentation.common.default-enabled", "true",
        "otel.instrumentation.servlet.enabled", "false", "OTEL_INSTRUMENTATION_EXECUTORS_ENABLED", "true");
    assertFalse(config.isModuleEnabled("servlet", true));
    assertTrue(config.isModuleEnabled("executors", false));
    assertTrue(config.isModuleEnabled("jdbc", true));
    assertFalse(config.isModuleEnabled("quartz", false));
  }

  @Test
  void aBadModuleSwitchIsToldAndTheModuleDefaultIsUsed() {
    TracerConfig config = config("otel.instrumentation.jdbc.enabled", "off");
    assertTrue(config.isModuleEnabled("jdbc", true));
    assertEquals("[tracer] invalid configuration otel.instrumentation.jdbc.enabled=\"off\" (accepted: true or false);"
        + " using true", onlyProblemLine());
  }

  @Test
  void aGeneralProblemIsToldOncePerSubject() {
    problems.problem("file.yaml", "configuration file file.yaml does not exist");
    problems.problem("file.yaml", "configuration file file.yaml does not exist");
    problems.problem("other.yaml", "configuration file other.yaml does not exist");
    assertEquals(Arrays.asList("[tracer] configuration file file.yaml does not exist",
        "[tracer] configuration file other.yaml does not exist"), problemLines());
  }
}
