package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opentelemetry.sdk.common.Clock;
import io.tracer.agent.config.ConfigLoader;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every key of the README's configuration table, set in turn to each kind of bad value (wrong type, out of range,
 * unknown word, empty, control characters, 100,000 characters), through the environment as an operator would: the
 * agent's configuration and SDK are built without an exception, and at most one stderr line is written, naming the
 * key, the value and what is accepted. The keys the SDK reads must say so when the value cannot be of their type.
 */
class BadConfigurationFuzzTest {

  private static final Path README = Path.of("../../README.md");
  /** A table row's first cell: backticked keys, some written as a suffix of the first ({@code `.agent.port`}). */
  private static final Pattern KEY_ROW = Pattern.compile("^\\| (`otel\\.[^|]*)\\|\\s*([^|]*)\\|");
  private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
  private static final List<String> BAD_VALUES = List.of("abc", "-1", "99999999999999999999", "1e400", "NaN",
      "bogus", "", "   ", "0x10", "10 s", "ünïcødé\u0000\u001b[31m", "line\nbreak", ",,,", "=", "x".repeat(100_000));
  /** What a value cannot be, for the keys whose README default shows their type. */
  private static final List<String> NOT_A_BOOLEAN = List.of("abc", "-1", "bogus", "0x10");
  private static final List<String> NOT_A_NUMBER = List.of("abc", "99999999999999999999", "bogus", "0x10");
  /** The keys whose values the SDK reads when it is built, as opposed to those an instrumentation reads. */
  private static final List<String> READ_BY_THE_SDK = List.of("otel.bsp.", "otel.traces.keep.", "otel.attribute.",
      "otel.exporter.otlp.timeout", "otel.exporter.jaeger.timeout", "otel.exporter.zipkin.timeout",
      "otel.tracer.shutdown.timeout", "otel.javaagent.debug");

  @Test
  void everyKeyWithEveryKindOfBadValueBuildsTheSdkAndIsToldAtMostOnce() throws IOException {
    Map<String, String> keys = keysWithDefaults();
    assertTrue(keys.size() > 60, "keys read from the README: " + keys.keySet());
    int told = 0;
    int cases = 0;
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> key : keys.entrySet()) {
      for (String value : BAD_VALUES) {
        cases++;
        String output = buildSdk(key.getKey(), value);
        List<String> lines = output.lines().filter(line -> !line.isEmpty()).toList();
        if (!lines.isEmpty()) {
          told++;
        }
        String problem = problem(key.getKey(), key.getValue(), value, lines);
        if (problem != null) {
          failures.add(key.getKey() + "=" + shortly(value) + ": " + problem + "\n    " + shortly(output));
        }
      }
    }
    System.out.println("configuration fuzz: " + keys.size() + " keys x " + BAD_VALUES.size() + " values = " + cases
        + " cases, " + told + " told in one line, none threw");
    assertEquals("", String.join("\n", failures));
  }

  /** An unusable configuration file: the SDK is built from the other sources, and one line says why the file is not. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"malformed.json", "malformed.yaml", "binary.yaml", "a-directory.yaml", "huge.yaml",
      "unreadable.yaml"})
  void anUnusableConfigurationFileIsToldInOneLineAndTheRestIsUsed(String name, @TempDir Path folder)
      throws IOException {
    Path file = folder.resolve(name);
    switch (name) {
      case "malformed.json" -> Files.writeString(file, "{\"service\": {\"name\": \"orders\",");
      case "malformed.yaml" -> Files.writeString(file, "service:\n  name: [orders\n bsp: {");
      case "binary.yaml" -> Files.write(file, new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x1b, 0x7f, 0x0a});
      case "a-directory.yaml" -> Files.createDirectory(file);
      case "huge.yaml" -> {
        // 50 MB of valid YAML: only the first MiB and one byte are ever read
        byte[] line = "service.name: orders\n".getBytes(StandardCharsets.UTF_8);
        try (var out = Files.newOutputStream(file)) {
          for (int written = 0; written < 50_000_000; written += line.length) {
            out.write(line);
          }
        }
      }
      default -> {
        Files.writeString(file, "service:\n  name: orders\n");
        assumeTrue(file.toFile().setReadable(false, false) && !Files.isReadable(file),
            "running as root, every file is readable: the directory case stands for it");
      }
    }
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    TracerConfig config = ConfigLoader.load(null,
        Map.of("OTEL_CONFIG_FILE", file.toString(), "OTEL_SERVICE_NAME", "from-the-environment",
            "OTEL_TRACES_EXPORTER", "none"), new Properties(), new ConfigProblems(out));
    TracerSdk sdk = TracerSdkFactory.create(config, out, Clock.getDefault());
    sdk.shutdown();

    assertEquals("from-the-environment", config.getString("otel.service.name"));
    List<String> lines = stderr.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[tracer] configuration file " + file) && lines.get(0).contains("ignored"),
        lines.get(0));
  }

  private static String problem(String key, String readmeDefault, String value, List<String> lines) {
    if (lines.size() > 1) {
      return lines.size() + " lines";
    }
    if (lines.size() == 1) {
      String line = lines.get(0);
      if (!line.startsWith("[tracer] ")) {
        return "not a [tracer] line";
      }
      if (line.contains("invalid configuration")) {
        if (!line.contains(key)) {
          return "the line does not name the key";
        }
        if (!line.contains("accepted")) {
          return "the line does not say what is accepted";
        }
        String shown = value.trim().replace("\r", "\\r").replace("\n", "\\n");
        if (!line.contains(shown) && !line.contains("characters, not shown")) {
          return "the line does not show the value";
        }
      }
      return null;
    }
    boolean readByTheSdk = READ_BY_THE_SDK.stream().anyMatch(key::startsWith);
    boolean booleanKey = readmeDefault.equals("`true`") || readmeDefault.equals("`false`");
    boolean numberKey = readmeDefault.matches("`\\d+(ms|s|m|h)?`.*");
    if (readByTheSdk && ((booleanKey && NOT_A_BOOLEAN.contains(value)) || (numberKey && NOT_A_NUMBER.contains(value)))) {
      return "not told";
    }
    return null;
  }

  /** The configuration as premain builds it, from the environment, and the SDK from it, then shut down. */
  private static String buildSdk(String key, String value) {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    String environmentName = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    Map<String, String> environment = new LinkedHashMap<>();
    // every exporter is built, so that each reads its keys; no span is ended, so none waits on an absent collector
    environment.put("OTEL_TRACES_EXPORTER", "otlp,jaeger,jaeger_agent,zipkin,console");
    environment.put(environmentName, value);
    TracerConfig config = ConfigLoader.load(null, environment, new Properties(), new ConfigProblems(out));
    TracerSdk sdk = TracerSdkFactory.create(config, out, Clock.getDefault());
    sdk.openTelemetry().getTracer("fuzz").spanBuilder("span").startSpan();
    sdk.shutdown();
    return stderr.toString(StandardCharsets.UTF_8);
  }

  /** Each key of the configuration table, with its default cell; {@code <name>} stands for a module name. */
  private static Map<String, String> keysWithDefaults() throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String row : Files.readAllLines(README)) {
      Matcher cells = KEY_ROW.matcher(row);
      if (!cells.find()) {
        continue;
      }
      String first = null;
      Matcher backticked = BACKTICKED.matcher(cells.group(1));
      while (backticked.find()) {
        String key = backticked.group(1).replace("<name>", "jdbc");
        if (key.startsWith("otel.")) {
          first = key;
        } else if (key.startsWith(".") && first != null) {
          key = withSuffix(first, key);
        } else {
          continue;
        }
        if (!key.contains("*")) {
          keys.put(key, cells.group(2).trim());
        }
      }
    }
    return keys;
  }

  /** {@code .agent.port} after {@code otel.exporter.jaeger.agent.host}; {@code .client.key} after {@code ...certificate}. */
  private static String withSuffix(String first, String suffix) {
    String head = suffix.substring(1, suffix.indexOf('.', 1) < 0 ? suffix.length() : suffix.indexOf('.', 1));
    int shared = first.lastIndexOf("." + head + ".");
    return (shared >= 0 ? first.substring(0, shared) : first.substring(0, first.lastIndexOf('.'))) + suffix;
  }

  private static String shortly(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
  }

}
