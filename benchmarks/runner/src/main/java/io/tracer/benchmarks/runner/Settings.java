package io.tracer.benchmarks.runner;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's parameters, from the environment, each with the default of the full run (about 15 minutes). */
record Settings(
    int rounds,
    int warmupSeconds,
    int endpointWarmupSeconds,
    int durationSeconds,
    int connections,
    int wrkThreads,
    List<String> endpoints,
    List<String> configurations,
    String java,
    List<String> jvmOptions,
    Map<String, String> agentEnvironment,
    int port,
    Path serviceJar,
    Path tracerJar,
    Path otelJar,
    Path resultsDirectory) {

  static Settings fromEnvironment(Map<String, String> env) {
    return new Settings(
        intValue(env, "BENCH_ROUNDS", 3),
        intValue(env, "BENCH_WARMUP", 10),
        intValue(env, "BENCH_ENDPOINT_WARMUP", 3),
        intValue(env, "BENCH_DURATION", 5),
        intValue(env, "BENCH_CONNECTIONS", 8),
        intValue(env, "BENCH_WRK_THREADS", 2),
        list(env, "BENCH_ENDPOINTS", "a,b,c,d"),
        list(env, "BENCH_CONFIGS", String.join(",", AgentSetup.NAMES)),
        env.getOrDefault("BENCH_JAVA", "java"),
        Arrays.asList(env.getOrDefault("BENCH_JVM_OPTS", "-Xms256m -Xmx256m").trim().split("\\s+")),
        assignments(env, "BENCH_AGENT_ENV"),
        intValue(env, "BENCH_PORT", 18080),
        required(env, "BENCH_SERVICE_JAR"),
        required(env, "BENCH_TRACER_JAR"),
        required(env, "BENCH_OTEL_JAR"),
        Path.of(env.getOrDefault("BENCH_RESULTS", "benchmarks/results")));
  }

  /** Seconds one run of the whole matrix takes, start-up and shut-down of each JVM not counted. */
  int loadSeconds() {
    int perJvm = warmupSeconds + endpoints.size() * (endpointWarmupSeconds + durationSeconds);
    return rounds * configurations.size() * perJvm;
  }

  String describe() {
    return rounds + " round(s); per JVM a " + warmupSeconds + " s warm-up on /d, then per endpoint "
        + endpointWarmupSeconds + " s warm-up and " + durationSeconds + " s measured; wrk " + wrkThreads
        + " threads, " + connections + " connections; JVM options " + String.join(" ", jvmOptions)
        + (agentEnvironment.isEmpty() ? "" : "; every agent also given " + agentEnvironment);
  }

  private static int intValue(Map<String, String> env, String key, int defaultValue) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(key + "=" + value + ": expected a positive whole number");
  }

  private static List<String> list(Map<String, String> env, String key, String defaultValue) {
    String value = env.getOrDefault(key, defaultValue);
    return Arrays.stream(value.split(",")).map(String::trim).filter(word -> !word.isEmpty()).toList();
  }

  /** {@code KEY=VALUE KEY=VALUE} for every configuration with an agent; what a configuration sets itself wins. */
  private static Map<String, String> assignments(Map<String, String> env, String key) {
    Map<String, String> assignments = new LinkedHashMap<>();
    for (String word : env.getOrDefault(key, "").trim().split("\\s+")) {
      if (word.isEmpty()) {
        continue;
      }
      int equals = word.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(key + ": expected KEY=VALUE words, not " + word);
      }
      assignments.put(word.substring(0, equals), word.substring(equals + 1));
    }
    return assignments;
  }

  private static Path required(Map<String, String> env, String key) {
    String value = env.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is not set (benchmarks/run.sh sets it)");
    }
    return Path.of(value);
  }
}
