package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code otel.traces.sampler} and {@code otel.traces.sampler.arg}: the OpenTelemetry sampler names plus Jaeger's
 * ({@code const}, {@code probabilistic}, {@code rate_limiting}), which decide at the root and follow the parent's
 * decision everywhere else, as Jaeger clients did, and {@code rules}: a rate per operation from
 * {@code otel.traces.sampler.rules.file}. Without an argument, the ratio samplers take the rate of the environment
 * named by {@code otel.traces.sampler.environment} ({@code development} 1, {@code staging} 0.5, {@code production}
 * 0.1, or {@code otel.traces.sampler.environment.rates}).
 */
final class SamplerFactory {

  static final String SAMPLER_KEY = "otel.traces.sampler";
  static final String ARG_KEY = "otel.traces.sampler.arg";
  static final String RULES_FILE_KEY = "otel.traces.sampler.rules.file";
  static final String ENVIRONMENT_KEY = "otel.traces.sampler.environment";
  static final String ENVIRONMENT_RATES_KEY = "otel.traces.sampler.environment.rates";
  private static final String DEFAULT_SAMPLER = "parentbased_traceidratio";
  private static final List<String> SAMPLERS = Arrays.asList("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio", "const", "probabilistic",
      "rate_limiting", "rules");
  private static final Map<String, String> DEFAULT_ENVIRONMENT_RATES = defaultEnvironmentRates();
  private static final double MAX_TRACES_PER_SECOND = 1_000_000d;

  private SamplerFactory() {}

  /**
   * @param recordDropped whether what the sampler drops is still recorded, for {@link ErrorAndSlowTraceKeeper};
   *     never for the samplers that sample nothing, which mean "no tracing"
   */
  static Sampler create(TracerConfig config, Clock clock, String serviceName, boolean recordDropped) {
    Sampler sampler = create(config, clock, serviceName);
    String description = sampler.getDescription();
    boolean samplesNothing = description.equals(Sampler.alwaysOff().getDescription())
        || description.startsWith("ParentBased{root:" + Sampler.alwaysOff().getDescription());
    return recordDropped && !samplesNothing ? new RecordWhenDroppedSampler(sampler) : sampler;
  }

  private static Sampler create(TracerConfig config, Clock clock, String serviceName) {
    String configured = config.getString(SAMPLER_KEY, DEFAULT_SAMPLER);
    String name = configured.toLowerCase(Locale.ROOT);
    if (!SAMPLERS.contains(name)) {
      // the argument, if any, was meant for the misspelled sampler: do not apply it to another one
      config.problems().invalidValue(SAMPLER_KEY, configured, "one of " + String.join(", ", SAMPLERS),
          DEFAULT_SAMPLER + " with ratio 1.0");
      return Sampler.parentBased(Sampler.traceIdRatioBased(1.0));
    }
    switch (name) {
      case "always_on":
        return Sampler.alwaysOn();
      case "always_off":
        return Sampler.alwaysOff();
      case "traceidratio":
        return Sampler.traceIdRatioBased(ratio(config));
      case "parentbased_always_on":
        return Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off":
        return Sampler.parentBased(Sampler.alwaysOff());
      case "const":
        return Sampler.parentBased(constDecision(config) ? Sampler.alwaysOn() : Sampler.alwaysOff());
      case "probabilistic":
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(config)));
      case "rate_limiting":
        return Sampler.parentBased(new RateLimitingSampler(tracesPerSecond(config), clock));
      case "rules":
        return Sampler.parentBased(rules(config, clock, serviceName));
      default:
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(config)));
    }
  }

  private static Sampler rules(TracerConfig config, Clock clock, String serviceName) {
    Sampler fallback = Sampler.traceIdRatioBased(ratio(config));
    String file = config.getString(RULES_FILE_KEY);
    if (file == null) {
      config.problems().problem(RULES_FILE_KEY, "invalid configuration " + SAMPLER_KEY + "=rules needs "
          + RULES_FILE_KEY + ", which is not set; sampling with " + fallback.getDescription());
      return fallback;
    }
    try {
      return SamplingRulesFile.read(file, serviceName, fallback, clock);
    } catch (SamplingRulesFile.BadRulesException bad) {
      config.problems().problem(RULES_FILE_KEY, "sampling rules file " + file + " (" + RULES_FILE_KEY + ") "
          + bad.getMessage() + "; it is ignored and sampling is " + fallback.getDescription());
      return fallback;
    }
  }

  /** The argument, else the environment's rate, else everything. */
  private static double ratio(TracerConfig config) {
    if (config.getString(ARG_KEY) != null) {
      return config.getDouble(ARG_KEY, 1.0, 0.0, 1.0);
    }
    String environment = config.getString(ENVIRONMENT_KEY);
    if (environment == null) {
      return 1.0;
    }
    Map<String, String> rates = config.getString(ENVIRONMENT_RATES_KEY) == null
        ? DEFAULT_ENVIRONMENT_RATES : config.getMap(ENVIRONMENT_RATES_KEY);
    String rate = rates.get(environment.toLowerCase(Locale.ROOT));
    if (rate == null) {
      config.problems().invalidValue(ENVIRONMENT_KEY, environment, "one of " + String.join(", ", rates.keySet())
          + " (" + ENVIRONMENT_RATES_KEY + ")", "ratio 1.0");
      return 1.0;
    }
    try {
      double parsed = Double.parseDouble(rate);
      if (parsed >= 0d && parsed <= 1d) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    config.problems().invalidValue(ENVIRONMENT_RATES_KEY, config.getString(ENVIRONMENT_RATES_KEY),
        "environment=ratio pairs, each ratio from 0.0 to 1.0", "ratio 1.0 for " + environment);
    return 1.0;
  }

  private static Map<String, String> defaultEnvironmentRates() {
    Map<String, String> rates = new LinkedHashMap<>();
    rates.put("development", "1.0");
    rates.put("staging", "0.5");
    rates.put("production", "0.1");
    return Collections.unmodifiableMap(rates);
  }

  /** Jaeger's {@code const} takes 1 (sample everything) or 0 (nothing). */
  private static boolean constDecision(TracerConfig config) {
    String value = config.getString(ARG_KEY);
    if (value == null) {
      return true;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed == 0d || parsed == 1d) {
        return parsed == 1d;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    config.problems().invalidValue(ARG_KEY, value, "1 or 0 for the const sampler", "1");
    return true;
  }

  private static double tracesPerSecond(TracerConfig config) {
    String value = config.getString(ARG_KEY);
    if (value == null) {
      return 1d;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed > 0d && parsed <= MAX_TRACES_PER_SECOND) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below, with what is accepted
    }
    config.problems().invalidValue(ARG_KEY, value,
        "traces per second for the rate_limiting sampler, above 0 and at most 1000000", "1");
    return 1d;
  }
}
