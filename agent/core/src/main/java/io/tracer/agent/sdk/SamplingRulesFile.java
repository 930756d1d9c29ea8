package io.tracer.agent.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code otel.traces.sampler.rules.file} (JSON when named {@code *.json}, YAML otherwise) in either of two
 * shapes, told apart by their top-level keys. The agent's own:
 *
 * <pre>
 * default: {rate: 0.1}
 * rules:
 *   - {operation: "POST /api/payments/*", rate: 1.0}
 *   - {operation: "GET /api/search", traces_per_second: 5}
 * </pre>
 *
 * and Jaeger's sampling strategies file ({@code default_strategy}, {@code service_strategies}, each with
 * {@code type} {@code probabilistic} or {@code ratelimiting}, {@code param} and {@code operation_strategies}), where
 * the entry of this service, if any, comes first and the default strategy's operations apply after its own.
 *
 * <p>Read once at start-up with Jackson's streaming parser. Any mistake makes the whole file unusable: reported in
 * one line, and the caller samples at its default rate, so a half-understood file never silently decides.
 */
final class SamplingRulesFile {

  static final int MAX_FILE_BYTES = 1024 * 1024;
  private static final List<String> OWN_KEYS = Arrays.asList("default", "rules");
  private static final List<String> JAEGER_KEYS = Arrays.asList("default_strategy", "service_strategies");
  private static final List<String> RULE_KEYS = Arrays.asList("operation", "rate", "traces_per_second");
  private static final List<String> JAEGER_STRATEGY_KEYS = Arrays.asList("type", "param", "operation_strategies");
  private static final List<String> JAEGER_SERVICE_KEYS =
      Arrays.asList("service", "type", "param", "operation_strategies");
  private static final List<String> JAEGER_OPERATION_KEYS = Arrays.asList("operation", "type", "param");
  private static final double MAX_TRACES_PER_SECOND = 1_000_000d;

  private final Clock clock;
  private final List<OperationPattern> patterns = new ArrayList<>();
  private final List<Sampler> samplers = new ArrayList<>();
  private Sampler defaultSampler;

  private SamplingRulesFile(Clock clock) {
    this.clock = clock;
  }

  /** Thrown while reading: why the file cannot be used, as a phrase. */
  static final class BadRulesException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRulesException(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @param fallback the root sampler when the file names no default
   * @return the root sampler the file describes (rules, then its default or {@code fallback})
   */
  static RuleBasedSampler read(String fileName, String serviceName, Sampler fallback, Clock clock)
      throws BadRulesException {
    byte[] content;
    try {
      content = Files.readAllBytes(Paths.get(fileName));
    } catch (NoSuchFileException e) {
      throw new BadRulesException("does not exist");
    } catch (IOException | RuntimeException e) {
      throw new BadRulesException("cannot be read: " + e);
    }
    if (content.length > MAX_FILE_BYTES) {
      throw new BadRulesException("is larger than 1 MiB");
    }
    boolean json = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
    Object top = parse(content, json ? new JsonFactory() : new YAMLFactory());
    return parse(top, serviceName, fallback, clock);
  }

  /** The file's content as parsed: for tests, which need no file. */
  static RuleBasedSampler parse(Object top, String serviceName, Sampler fallback, Clock clock)
      throws BadRulesException {
    Map<String, Object> document = object(top, "the top level");
    SamplingRulesFile rules = new SamplingRulesFile(clock);
    if (document.isEmpty()) {
      throw new BadRulesException("holds no rules");
    }
    boolean jaeger = !Collections.disjoint(document.keySet(), JAEGER_KEYS);
    if (jaeger) {
      allowOnly(document, JAEGER_KEYS, "the top level of a Jaeger strategies file");
      rules.readJaeger(document, serviceName);
    } else {
      allowOnly(document, OWN_KEYS, "the top level");
      rules.readOwn(document);
    }
    return new RuleBasedSampler(rules.patterns, rules.samplers,
        rules.defaultSampler == null ? fallback : rules.defaultSampler);
  }

  private void readOwn(Map<String, Object> document) throws BadRulesException {
    if (document.containsKey("default")) {
      Map<String, Object> fallback = object(document.get("default"), "default");
      allowOnly(fallback, Arrays.asList("rate", "traces_per_second"), "default");
      defaultSampler = ownSampler(fallback, "default");
    }
    List<Object> rules = list(document.get("rules"), "rules");
    for (int i = 0; i < rules.size(); i++) {
      String where = "rules[" + i + "]";
      Map<String, Object> rule = object(rules.get(i), where);
      allowOnly(rule, RULE_KEYS, where);
      addRule(operation(rule, where), ownSampler(rule, where));
    }
  }

  private Sampler ownSampler(Map<String, Object> rule, String where) throws BadRulesException {
    boolean ratio = rule.containsKey("rate");
    if (ratio == rule.containsKey("traces_per_second")) {
      throw new BadRulesException(where + " needs exactly one of rate (0 to 1) and traces_per_second");
    }
    return ratio ? ratioSampler(rule.get("rate"), where + ".rate")
        : rateLimitingSampler(rule.get("traces_per_second"), where + ".traces_per_second");
  }

  private void readJaeger(Map<String, Object> document, String serviceName) throws BadRulesException {
    Map<String, Object> defaultStrategy = document.containsKey("default_strategy")
        ? object(document.get("default_strategy"), "default_strategy") : Collections.<String, Object>emptyMap();
    allowOnly(defaultStrategy, JAEGER_STRATEGY_KEYS, "default_strategy");
    Map<String, Object> ours = null;
    String oursWhere = null;
    if (document.containsKey("service_strategies")) {
      List<Object> services = list(document.get("service_strategies"), "service_strategies");
      for (int i = 0; i < services.size(); i++) {
        String where = "service_strategies[" + i + "]";
        Map<String, Object> service = object(services.get(i), where);
        allowOnly(service, JAEGER_SERVICE_KEYS, where);
        if (ours == null && serviceName.equals(text(service.get("service"), where + ".service"))) {
          ours = service;
          oursWhere = where;
        }
      }
    }
    if (ours != null) {
      readJaegerOperations(ours, oursWhere);
      if (ours.containsKey("type")) {
        defaultSampler = jaegerSampler(ours, oursWhere);
      }
    }
    readJaegerOperations(defaultStrategy, "default_strategy");
    if (defaultSampler == null && defaultStrategy.containsKey("type")) {
      defaultSampler = jaegerSampler(defaultStrategy, "default_strategy");
    }
  }

  private void readJaegerOperations(Map<String, Object> strategy, String where) throws BadRulesException {
    if (!strategy.containsKey("operation_strategies")) {
      return;
    }
    List<Object> operations = list(strategy.get("operation_strategies"), where + ".operation_strategies");
    for (int i = 0; i < operations.size(); i++) {
      String operationWhere = where + ".operation_strategies[" + i + "]";
      Map<String, Object> operation = object(operations.get(i), operationWhere);
      allowOnly(operation, JAEGER_OPERATION_KEYS, operationWhere);
      addRule(operation(operation, operationWhere), jaegerSampler(operation, operationWhere));
    }
  }

  private Sampler jaegerSampler(Map<String, Object> strategy, String where) throws BadRulesException {
    String type = text(strategy.get("type"), where + ".type");
    if (!strategy.containsKey("param")) {
      throw new BadRulesException(where + " has no param");
    }
    if ("probabilistic".equals(type)) {
      return ratioSampler(strategy.get("param"), where + ".param");
    }
    if ("ratelimiting".equals(type)) {
      return rateLimitingSampler(strategy.get("param"), where + ".param");
    }
    throw new BadRulesException(where + ".type is \"" + type + "\", not probabilistic or ratelimiting");
  }

  private void addRule(String operation, Sampler sampler) {
    patterns.add(OperationPattern.parse(operation));
    samplers.add(sampler);
  }

  private static Sampler ratioSampler(Object value, String where) throws BadRulesException {
    double ratio = number(value, where);
    if (!(ratio >= 0d && ratio <= 1d)) {
      throw new BadRulesException(where + " is " + value + ", not a number from 0 to 1");
    }
    return Sampler.traceIdRatioBased(ratio);
  }

  private Sampler rateLimitingSampler(Object value, String where) throws BadRulesException {
    double perSecond = number(value, where);
    if (!(perSecond >= 0d && perSecond <= MAX_TRACES_PER_SECOND)) {
      throw new BadRulesException(where + " is " + value + ", not a number of traces per second from 0 to 1000000");
    }
    return perSecond == 0d ? Sampler.alwaysOff() : new RateLimitingSampler(perSecond, clock);
  }

  private static String operation(Map<String, Object> rule, String where) throws BadRulesException {
    String operation = text(rule.get("operation"), where + ".operation");
    if (operation.trim().isEmpty()) {
      throw new BadRulesException(where + ".operation is empty");
    }
    return operation;
  }

  private static double number(Object value, String where) throws BadRulesException {
    if (value instanceof Double) {
      return (Double) value;
    }
    throw new BadRulesException(where + " is " + describe(value) + ", not a number");
  }

  private static String text(Object value, String where) throws BadRulesException {
    if (value instanceof String) {
      return (String) value;
    }
    throw new BadRulesException(where + " is " + describe(value) + ", not a string");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String where) throws BadRulesException {
    if (value instanceof Map) {
      return (Map<String, Object>) value;
    }
    throw new BadRulesException(where + " is " + describe(value) + ", not an object");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, String where) throws BadRulesException {
    if (value instanceof List) {
      return (List<Object>) value;
    }
    throw new BadRulesException(where + " is " + describe(value) + ", not a list");
  }

  private static void allowOnly(Map<String, Object> object, List<String> keys, String where)
      throws BadRulesException {
    for (String key : object.keySet()) {
      if (!keys.contains(key)) {
        throw new BadRulesException(where + " has the unknown key \"" + key + "\" (known: " + String.join(", ", keys)
            + ")");
      }
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "\"" + value + "\"";
  }

  private static Object parse(byte[] content, JsonFactory format) throws BadRulesException {
    try (JsonParser parser = format.createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new BadRulesException("is empty");
      }
      Object top = value(parser, first);
      if (parser.nextToken() != null) {
        throw new BadRulesException("has more than one " + format.getFormatName() + " document");
      }
      return top;
    } catch (JsonProcessingException e) {
      String location = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new BadRulesException("is not valid " + format.getFormatName() + ": "
          + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ") + location);
    } catch (IOException | RuntimeException e) {
      throw new BadRulesException("cannot be parsed: " + e);
    }
  }

  private static Object value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          object.put(key, value(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != null && item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          list.add(value(parser, item));
        }
        return list;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      case VALUE_NULL:
        return null;
      default:
        return parser.getText();
    }
  }
}
