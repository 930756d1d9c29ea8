package io.tracer.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.config.ConfigProblems;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileReaderTest {

  @TempDir
  Path directory;

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ConfigProblems problems = new ConfigProblems(new PrintStream(stderr, true));

  private Path write(String fileName, String content) throws IOException {
    Path file = directory.resolve(fileName);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private Map<String, String> read(Path file) {
    return ConfigFileReader.read(file.toString(), problems);
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

  private static Map<String, String> settings(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void yamlSectionsFlattenIntoOtelKeys() throws IOException {
    Path file = write("tracer.yaml", String.join("\n",
        "service: { name: orders }",
        "traces: { sampler: parentbased_traceidratio, sampler.arg: 0.25 }",
        "http:",
        "  server:",
        "    ignore-paths: [/health, /metrics]",
        "otel.propagators: tracecontext,b3",
        "database:",
        "  statement-sanitizer:",
        "    enabled: false",
        ""));
    assertEquals(settings(
        "otel.service.name", "orders",
        "otel.traces.sampler", "parentbased_traceidratio",
        "otel.traces.sampler.arg", "0.25",
        "otel.http.server.ignore.paths", "/health,/metrics",
        "otel.propagators", "tracecontext,b3",
        "otel.database.statement.sanitizer.enabled", "false"), read(file));
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void jsonSectionsFlattenIntoOtelKeys() throws IOException {
    Path file = write("tracer.JSON", "{\n"
        + "  \"service\": {\"name\": \"orders\"},\n"
        + "  \"exporter\": {\"otlp\": {\"endpoint\": \"http://collector:4318\", \"timeout\": 2000}},\n"
        + "  \"redis\": {\"enabled\": true, \"hosts\": [\"a:6379\", \"b:6379\"]},\n"
        + "  \"otel.resource.attributes\": \"team=red\"\n"
        + "}\n");
    assertEquals(settings(
        "otel.service.name", "orders",
        "otel.exporter.otlp.endpoint", "http://collector:4318",
        "otel.exporter.otlp.timeout", "2000",
        "otel.redis.enabled", "true",
        "otel.redis.hosts", "a:6379,b:6379",
        "otel.resource.attributes", "team=red"), read(file));
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void keysAlreadyNamedInFullAreNormalizedNotPrefixedTwice() throws IOException {
    Path file = write("tracer.yml", "OTEL_SERVICE_NAME: orders\notel:\n  jobs:\n    Enabled: true\n");
    assertEquals(settings("otel.service.name", "orders", "otel.jobs.enabled", "true"), read(file));
  }

  @Test
  void valuesKeepTheTextAsWritten() throws IOException {
    Path file = write("tracer.yaml", String.join("\n",
        "service.version: 1.10",
        "a.exponent: 1e3",
        "a.quoted: \"007\"",
        "a.yes: yes",
        "a.capital: True",
        "a.multiline: |",
        "  first",
        "  second",
        ""));
    assertEquals(settings(
        "otel.service.version", "1.10",
        "otel.a.exponent", "1e3",
        "otel.a.quoted", "007",
        "otel.a.yes", "true",
        "otel.a.capital", "true",
        "otel.a.multiline", "first\nsecond\n"), read(file));
  }

  @Test
  void nullValuesAreSkipped() throws IOException {
    Path file = write("tracer.yaml", "service:\n  name: ~\n  namespace: null\nrocketmq:\n  groups: [a, null, b]\n"
        + "jobs:\n");
    assertEquals(settings("otel.rocketmq.groups", "a,b"), read(file));
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void aListOfObjectsIsToldAndSkippedWhileTheRestIsKept() throws IOException {
    Path file = write("tracer.yaml", String.join("\n",
        "http:",
        "  routes:",
        "    - { path: /a }",
        "    - { path: /b }",
        "  server.ignore-paths: [/health]",
        "matrix: [[1, 2], [3]]",
        "service.name: orders",
        ""));
    assertEquals(settings("otel.http.server.ignore.paths", "/health", "otel.service.name", "orders"), read(file));
    List<String> lines = problemLines();
    assertEquals(Arrays.asList(
        "[tracer] configuration file " + file + ": http.routes is a list holding objects, lists or aliases;"
            + " only lists of plain values are supported; that setting is ignored",
        "[tracer] configuration file " + file + ": matrix is a list holding objects, lists or aliases;"
            + " only lists of plain values are supported; that setting is ignored"), lines);
  }

  @Test
  void aYamlAliasIsToldRatherThanReadAsItsAnchorName() throws IOException {
    Path file = write("tracer.yaml", "service.name: &name orders\nresource.service: *name\n");
    assertEquals(settings("otel.service.name", "orders"), read(file));
    assertTrue(onlyProblemLine().contains("resource.service is a YAML alias, which is not supported"));
  }

  @Test
  void aBrokenFileWithAnUnsupportedSettingIsStillToldInOneLine() throws IOException {
    Path file = write("tracer.yaml", "routes:\n  - { path: /a }\nservice: [unclosed\n");
    assertEquals(Collections.emptyMap(), read(file));
    assertTrue(onlyProblemLine().contains(" is not valid YAML: "));
  }

  @Test
  void aFileOfExactlyOneMebibyteIsRead() throws IOException {
    StringBuilder content = new StringBuilder("service.name: orders\n");
    while (content.length() < ConfigFileReader.MAX_FILE_BYTES - 100) {
      content.append("# padding padding padding\n");
    }
    while (content.length() < ConfigFileReader.MAX_FILE_BYTES) {
      content.append('#');
    }
    Path file = write("big.yaml", content.toString());
    assertEquals(ConfigFileReader.MAX_FILE_BYTES, Files.size(file));
    assertEquals(settings("otel.service.name", "orders"), read(file));
    assertEquals(Collections.emptyList(), problemLines());
  }

  @Test
  void aLargerFileIsToldAndIgnored() throws IOException {
    StringBuilder content = new StringBuilder("service.name: orders\n");
    while (content.length() <= ConfigFileReader.MAX_FILE_BYTES) {
      content.append("# padding padding padding\n");
    }
    Path file = write("huge.yaml", content.toString());
    assertEquals(Collections.emptyMap(), read(file));
    assertEquals("[tracer] configuration file " + file + " (otel.config.file) is larger than 1 MiB;"
        + " it is ignored and the other configuration sources are used", onlyProblemLine());
  }

  @Test
  void aMissingFileIsToldAndIgnored() {
    Path file = directory.resolve("absent.yaml");
    assertEquals(Collections.emptyMap(), read(file));
    assertEquals("[tracer] configuration file " + file + " (otel.config.file) does not exist;"
        + " it is ignored and the other configuration sources are used", onlyProblemLine());
  }

  @Test
  void anUnreadableFileIsToldAndIgnored() {
    assertEquals(Collections.emptyMap(), read(directory));
    assertTrue(onlyProblemLine().startsWith("[tracer] configuration file " + directory
        + " (otel.config.file) cannot be read: "));
  }

  @Test
  void anUnusablePathIsToldAndIgnored() {
    assertEquals(Collections.emptyMap(), ConfigFileReader.read("bad\u0000name.yaml", problems));
    assertTrue(onlyProblemLine().startsWith("[tracer] configuration file bad\u0000name.yaml (otel.config.file) cannot"
        + " be read: "));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "empty.yaml        | ''                              | is empty",
      "comments.yaml     | '# all commented out\\n'         | is empty",
      "document.yaml     | '---\\n'                         | is empty",
      "empty.json        | ''                              | is empty",
      "indent.yaml       | 'a: b\\n  c: d\\n'                | is not valid YAML: mapping values are not allowed here (line 2, column 4)",
      "tab.yaml          | '\\tservice: x\\n'                | is not valid YAML: found character '\\t(TAB)' that cannot start any token",
      "unclosed.yaml     | 'a: [1, 2\\n'                    | is not valid YAML: expected ',' or ']', but got <stream end>",
      "missing.json      | '{\"a\": }'                     | is not valid JSON: Unexpected character ('}' (code 125)): expected a value (line 1, column 7)",
      "unclosed.json     | '{\"a\": 1'                      | is not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1]) (line 1, column 8)",
      "yaml-syntax.json  | 'service: {name: orders}\\n'     | is not valid JSON: Unrecognized token 'service'",
      "list.json         | '[1, 2]'                        | must hold an object of settings at the top level, not a list",
      "list.yaml         | '- a\\n- b\\n'                    | must hold an object of settings at the top level, not a list",
      "scalar.yaml       | 'service.name orders\\n'         | must hold an object of settings at the top level, not a single value",
      "two.yaml          | 'a: 1\\n---\\nb: 2\\n'             | has more content after its top-level object (only one YAML document is read)",
      "two.json          | '{\"a\": 1} {\"b\": 2}'         | has more content after its top-level object (only one JSON document is read)",
  })
  void aBadFileIsToldInOneLineAndIgnored(String fileName, String content, String reason) throws IOException {
    Path file = write(fileName, content.replace("\\n", "\n").replace("\\t", "\t"));
    assertEquals(Collections.emptyMap(), read(file));
    String line = onlyProblemLine();
    assertTrue(line.startsWith("[tracer] configuration file " + file + " (otel.config.file) " + reason), line);
    assertTrue(line.endsWith("; it is ignored and the other configuration sources are used"), line);
  }
}
