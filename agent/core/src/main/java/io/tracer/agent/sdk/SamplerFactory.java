package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code otel.traces.sampler} and {@code otel.traces.sampler.arg}: the OpenTelemetry sampler names plus Jaeger's
 * ({@code const}, {@code probabilistic}, {@code rate_limiting}), which decide at the root and follow the parent's
 * decision everywhere else, as Jaeger clients did.
 */
final class SamplerFactory {

  static final String SAMPLER_KEY = "otel.traces.sampler";
  static final String ARG_KEY = "otel.traces.sampler.arg";
  private static final String DEFAULT_SAMPLER = "parentbased_traceidratio";
  private static final List<String> SAMPLERS = Arrays.asList("always_on", "always_off", "traceidratio",
      "parentbased_always_on", "parentbased_always_off", "parentbased_traceidratio", "const", "probabilistic",
      "rate_limiting");
  private static final double MAX_TRACES_PER_SECOND = 1_000_000d;

  private SamplerFactory() {}

  static Sampler create(TracerConfig config, Clock clock) {
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
      default:
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio(config)));
    }
  }

  private static double ratio(TracerConfig config) {
    return config.getDouble(ARG_KEY, 1.0, 0.0, 1.0);
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
