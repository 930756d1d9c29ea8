package io.tracer.agent.config;

import io.tracer.bootstrap.AgentArguments;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Merges the configuration sources once at start-up. Highest precedence first: system properties ({@code otel.*}),
 * environment variables ({@code OTEL_*}), agent arguments, the file named by {@code otel.config.file}. Defaults are
 * not here: each getter's call site owns its default.
 */
public final class ConfigLoader {

  static final String CONFIG_FILE_KEY = "otel.config.file";

  private static final String SYSTEM_PROPERTY_PREFIX = "otel.";
  private static final String ENVIRONMENT_PREFIX = "OTEL_";

  private ConfigLoader() {}

  public static TracerConfig load(String agentArgs, Map<String, String> environment, Properties systemProperties,
      ConfigProblems problems) {
    // Keys are normalized on the way in so that a higher source replaces a lower one whatever its spelling.
    Map<String, String> withoutFile = new LinkedHashMap<>();
    putNormalized(withoutFile, AgentArguments.parse(agentArgs), "");
    putNormalized(withoutFile, environment, ENVIRONMENT_PREFIX);
    putNormalized(withoutFile, systemPropertiesMap(systemProperties), SYSTEM_PROPERTY_PREFIX);

    String configFile = TracerConfig.of(withoutFile, problems).getString(CONFIG_FILE_KEY);
    if (configFile == null) {
      return TracerConfig.of(withoutFile, problems);
    }
    Map<String, String> merged = new LinkedHashMap<>(ConfigFileReader.read(configFile, problems));
    merged.putAll(withoutFile);
    return TracerConfig.of(merged, problems);
  }

  private static void putNormalized(Map<String, String> target, Map<String, String> source, String requiredPrefix) {
    if (source == null) {
      return;
    }
    for (Map.Entry<String, String> entry : source.entrySet()) {
      String key = entry.getKey();
      if (key != null && entry.getValue() != null && key.startsWith(requiredPrefix)) {
        target.put(TracerConfig.normalize(key), entry.getValue());
      }
    }
  }

  private static Map<String, String> systemPropertiesMap(Properties systemProperties) {
    if (systemProperties == null) {
      return Collections.emptyMap();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      map.put(name, systemProperties.getProperty(name));
    }
    return map;
  }
}
