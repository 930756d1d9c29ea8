package io.tracer.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path directory;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ConfigProblems problems = new ConfigProblems(new PrintStream(stderr, true));
  private final Map<String, String> environment = new HashMap<>();
  private final Properties systemProperties = new Properties();

  private TracerConfig load(String agentArgs) {
    return ConfigLoader.load(agentArgs, environment, systemProperties, problems);
  }

  private Path write(String fileName, String content) throws IOException {
    Path file = directory.resolve(fileName);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
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

  @Test
  void eachSourceOverridesTheOnesBelowIt() throws IOException {
    Path file = write("tracer.yaml", "a: file\nb: file\nc: file\nd: file\n");
    systemProperties.setProperty("otel.a", "system property");
    environment.put("OTEL_A", "environment");
    environment.put("OTEL_B", "environment");
    environment.put("OTEL_CONFIG_FILE", file.toString());
    String agentArgs = "otel.a=agent argument,otel.b=agent argument,otel.c=agent argument";

    TracerConfig config = load(agentArgs);

    assertEquals("system property", config.getString("otel.a"));
    assertEquals("environment", config.getString("otel.b"));
    assertEquals("agent argument", config.getString("otel.c"));
    assertEquals("file", config.getString("otel.d"));
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void precedenceDoesNotDependOnHowEachSourceSpellsTheKey() throws IOException {
    Path file = write("tracer.yaml", "OTEL_SERVICE_NAME: from-file\n");
    systemProperties.setProperty("otel.config.file", file.toString());
    systemProperties.setProperty("otel.service-name", "from-system-property");
    environment.put("OTEL_SERVICE_NAME", "from-environment");

    assertEquals("from-system-property", load("otel.service.name=from-argument").getString("otel.service.name"));
    systemProperties.remove("otel.service-name");
    assertEquals("from-environment", load("otel.service.name=from-argument").getString("otel.service.name"));
    environment.clear();
    environment.put("OTEL_CONFIG_FILE", file.toString());
    assertEquals("from-argument", load("OTEL_SERVICE_NAME=from-argument").getString("otel.service.name"));
    assertEquals("from-file", load(null).getString("otel.service.name"));
  }

  @Test
  void onlyOtelEnvironmentVariablesAndSystemPropertiesAreRead() {
    environment.put("OTEL_SERVICE_NAME", "orders");
    environment.put("PATH", "/usr/bin");
    environment.put("otel_lowercase_variable", "ignored");
    environment.put("MY_OTEL_THING", "ignored");
    systemProperties.setProperty("otel.traces.exporter", "console");
    systemProperties.setProperty("java.version", "17");
    systemProperties.setProperty("OTEL_UPPERCASE_PROPERTY", "ignored");
    systemProperties.setProperty("my.otel.thing", "ignored");

    TracerConfig config = load(null);

    Map<String, String> expected = new HashMap<>();
    expected.put("otel.service.name", "orders");
    expected.put("otel.traces.exporter", "console");
    assertEquals(expected, config.asMap());
  }

  @Test
  void systemPropertyDefaultsAreSeenToo() {
    Properties withDefaults = new Properties(systemProperties);
    systemProperties.setProperty("otel.service.name", "from-defaults");
    TracerConfig config = ConfigLoader.load(null, environment, withDefaults, problems);
    assertEquals("from-defaults", config.getString("otel.service.name"));
  }

  @Test
  void agentArgumentListsKeepTheirCommas() {
    TracerConfig config = load("otel.propagators=tracecontext,b3,baggage,otel.service.name=orders,"
        + "otel.http.server.ignore-paths=/health,/metrics");
    assertEquals(Arrays.asList("tracecontext", "b3", "baggage"),
        config.getList("otel.propagators", Collections.<String>emptyList()));
    assertEquals("orders", config.getString("otel.service.name"));
    assertEquals(Arrays.asList("/health", "/metrics"),
        config.getList("otel.http.server.ignore.paths", Collections.<String>emptyList()));
  }

  @Test
  void theFileCanBeNamedByAnAgentArgument() throws IOException {
    Path file = write("tracer.json", "{\"service\": {\"name\": \"orders\"}}");
    assertEquals("orders", load("otel.config.file=" + file).getString("otel.service.name"));
  }

  @Test
  void theFileCanBeNamedByAnEnvironmentVariable() throws IOException {
    environment.put("OTEL_CONFIG_FILE", write("tracer.yaml", "service: {name: orders}\n").toString());
    assertEquals("orders", load(null).getString("otel.service.name"));
  }

  @Test
  void theFileCanBeNamedByASystemProperty() throws IOException {
    systemProperties.setProperty("otel.config.file", write("tracer.yaml", "service: {name: orders}\n").toString());
    assertEquals("orders", load(null).getString("otel.service.name"));
  }

  @Test
  void theFileNamedByTheHigherSourceIsTheOneRead() throws IOException {
    Path chosen = write("chosen.yaml", "service.name: chosen\n");
    Path other = write("other.yaml", "service.name: other\nsampler: other\n");
    systemProperties.setProperty("otel.config.file", chosen.toString());
    environment.put("OTEL_CONFIG_FILE", other.toString());

    TracerConfig config = load("otel.config.file=" + other);

    assertEquals("chosen", config.getString("otel.service.name"));
    assertNull(config.getString("otel.sampler"));
    assertEquals(chosen.toString(), config.getString("otel.config.file"));
  }

  @Test
  void aBadFileIsToldOnceAndTheOtherSourcesStillApply() throws IOException {
    Path file = write("tracer.yaml", "service: [unclosed\n");
    environment.put("OTEL_CONFIG_FILE", file.toString());
    environment.put("OTEL_SERVICE_NAME", "orders");

    TracerConfig config = load("otel.traces.exporter=console");

    assertEquals("orders", config.getString("otel.service.name"));
    assertEquals("console", config.getString("otel.traces.exporter"));
    List<String> lines = problemLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("[tracer] configuration file " + file + " (otel.config.file) is not valid YAML"),
        lines.get(0));
  }

  @Test
  void aFileSettingIsValidatedLikeAnyOther() throws IOException {
    environment.put("OTEL_CONFIG_FILE", write("tracer.yaml", "traces: {sampler.arg: 2.5}\n").toString());

    TracerConfig config = load(null);

    assertEquals(1.0, config.getDouble("otel.traces.sampler.arg", 1.0, 0.0, 1.0));
    assertEquals(Collections.singletonList("[tracer] invalid configuration otel.traces.sampler.arg=\"2.5\""
        + " (accepted: a number from 0.0 to 1.0); using 1.0"), problemLines());
  }

  @Test
  void nothingSetGivesAnEmptyConfiguration() {
    assertEquals(Collections.emptyMap(), ConfigLoader.load(null, null, null, problems).asMap());
    assertEquals(Collections.emptyMap(), ConfigLoader.load("  ", environment, systemProperties, problems).asMap());
    assertEquals(Collections.emptyList(), problemLines());
  }
}
