package io.tracer.instrumentation.api.config;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's one immutable configuration, merged once at start-up from every source. Keys are compared in
 * normalized form ({@link #normalize}), so {@code OTEL_SERVICE_NAME}, {@code otel.service.name} and
 * {@code otel.service-name} are one key. Every typed getter validates: a bad value is reported once through
 * {@link ConfigProblems} and the default is returned, never an exception.
 */
public final class TracerConfig {

  private final Map<String, String> properties;
  private final ConfigProblems problems;

  private TracerConfig(Map<String, String> properties, ConfigProblems problems) {
    this.properties = properties;
    this.problems = problems;
  }

  /** @param properties the merged sources, any key spelling; later normalization collisions keep the last */
  public static TracerConfig of(Map<String, String> properties, ConfigProblems problems) {
    Map<String, String> normalized = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : properties.entrySet()) {
      if (entry.getKey() != null && entry.getValue() != null) {
        normalized.put(normalize(entry.getKey()), entry.getValue());
      }
    }
    return new TracerConfig(Collections.unmodifiableMap(normalized), problems);
  }

  /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} and {@code otel.exporter-otlp.endpoint} become {@code otel.exporter.otlp.endpoint}. */
  public static String normalize(String key) {
    return key.trim().toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
  }

  public ConfigProblems problems() {
    return problems;
  }

  /** The raw value, trimmed; {@code null} when unset or blank. */
  public String getString(String key) {
    String value = properties.get(normalize(key));
    if (value == null) {
      return null;
    }
    value = value.trim();
    return value.isEmpty() ? null : value;
  }

  public String getString(String key, String defaultValue) {
    String value = getString(key);
    return value == null ? defaultValue : value;
  }

  public boolean getBoolean(String key, boolean defaultValue) {
    String value = getString(key);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    problems.invalidValue(key, value, "true or false", defaultValue);
    return defaultValue;
  }

  public int getInt(String key, int defaultValue, int min, int max) {
    return (int) getLong(key, defaultValue, min, max);
  }

  public long getLong(String key, long defaultValue, long min, long max) {
    String value = getString(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    problems.invalidValue(key, value, "a whole number from " + min + " to " + max, defaultValue);
    return defaultValue;
  }

  public double getDouble(String key, double defaultValue, double min, double max) {
    String value = getString(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    problems.invalidValue(key, value, "a number from " + min + " to " + max, defaultValue);
    return defaultValue;
  }

  /** A duration: {@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}, or a plain number of milliseconds. */
  public long getDurationMillis(String key, long defaultMillis) {
    String value = getString(key);
    if (value == null) {
      return defaultMillis;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    long unit = 1;
    String number = lower;
    if (lower.endsWith("ms")) {
      number = lower.substring(0, lower.length() - 2);
    } else if (lower.endsWith("s")) {
      unit = 1000;
      number = lower.substring(0, lower.length() - 1);
    } else if (lower.endsWith("m")) {
      unit = 60_000;
      number = lower.substring(0, lower.length() - 1);
    } else if (lower.endsWith("h")) {
      unit = 3_600_000;
      number = lower.substring(0, lower.length() - 1);
    }
    try {
      long parsed = Long.parseLong(number.trim());
      if (parsed >= 0 && parsed <= Long.MAX_VALUE / unit) {
        return parsed * unit;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    problems.invalidValue(key, value, "a duration such as 250ms, 10s, 2m or a number of milliseconds",
        defaultMillis + "ms");
    return defaultMillis;
  }

  /** A comma-separated list, entries trimmed, empty entries dropped. */
  public List<String> getList(String key, List<String> defaultValue) {
    String value = getString(key);
    if (value == null) {
      return defaultValue;
    }
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",")) {
      String trimmed = entry.trim();
      if (!trimmed.isEmpty()) {
        entries.add(trimmed);
      }
    }
    return Collections.unmodifiableList(entries);
  }

  /**
   * {@code key1=value1,key2=value2} as in {@code OTEL_EXPORTER_OTLP_HEADERS} and {@code OTEL_RESOURCE_ATTRIBUTES};
   * values are percent-decoded as in W3C Baggage, where {@code +} is itself (tokens in headers often hold one).
   * A malformed entry is reported and skipped; the others are kept.
   */
  public Map<String, String> getMap(String key) {
    String value = getString(key);
    if (value == null) {
      return Collections.emptyMap();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : value.split(",")) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      int equals = entry.indexOf('=');
      String name = equals > 0 ? entry.substring(0, equals).trim() : "";
      if (name.isEmpty()) {
        problems.invalidValue(key, hidden(value), "a list of key=value pairs separated by commas",
            "the well-formed pairs");
        continue;
      }
      try {
        map.put(name, URLDecoder.decode(entry.substring(equals + 1).trim().replace("+", "%2B"), "UTF-8"));
      } catch (UnsupportedEncodingException | IllegalArgumentException e) {
        problems.invalidValue(key, hidden(value), "percent-encoded values", "the well-formed pairs");
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /** Maps carry credentials ({@code api-key=...}): a complaint about one names its size, never its content. */
  private static String hidden(String value) {
    return "<" + value.length() + " characters, not shown>";
  }

  /** One word out of {@code accepted}, compared case-insensitively and returned in its lower-case form. */
  public String getOneOf(String key, String defaultValue, Collection<String> accepted) {
    String value = getString(key);
    if (value == null) {
      return defaultValue;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (accepted.contains(lower)) {
      return lower;
    }
    problems.invalidValue(key, value, "one of " + String.join(", ", accepted), defaultValue);
    return defaultValue;
  }

  /** {@code otel.instrumentation.<name>.enabled}, else {@code otel.instrumentation.common.default-enabled}. */
  public boolean isModuleEnabled(String moduleName, boolean enabledByDefault) {
    boolean defaultEnabled = getBoolean("otel.instrumentation.common.default-enabled", true) && enabledByDefault;
    return getBoolean("otel.instrumentation." + moduleName + ".enabled", defaultEnabled);
  }

  /** Every normalized key and its value, for diagnostics. */
  public Map<String, String> asMap() {
    return properties;
  }
}
