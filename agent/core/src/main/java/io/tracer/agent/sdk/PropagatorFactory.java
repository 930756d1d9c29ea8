package io.tracer.agent.sdk;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code otel.propagators}: which header formats carry the trace between services. Every configured format is
 * written on the way out; on the way in, whichever configured format the caller sent is understood. A format that
 * fails on odd input fails alone ({@link FailSafePropagator}).
 */
final class PropagatorFactory {

  static final String KEY = "otel.propagators";
  private static final List<String> DEFAULT = Arrays.asList("tracecontext", "baggage");
  private static final List<String> ACCEPTED = Arrays.asList("tracecontext", "baggage", "b3", "b3multi", "jaeger",
      "none");

  private static final String JAEGER_TRACE_ID_HEADER_KEY = "otel.propagation.jaeger.trace-id-header";
  private static final String JAEGER_BAGGAGE_PREFIX_KEY = "otel.propagation.jaeger.baggage-header-prefix";
  private static final String JAEGER_TRACE_ID_HEADER = "uber-trace-id";
  private static final String JAEGER_BAGGAGE_PREFIX = "uberctx-";
  /** RFC 9110's token characters besides letters and digits: what an HTTP header name is made of. */
  private static final String HEADER_NAME_SYMBOLS = "!#$%&'*+-.^_`|~";

  private PropagatorFactory() {}

  static ContextPropagators create(TracerConfig config) {
    List<String> requested = config.getList(KEY, DEFAULT);
    Set<String> known = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String word : requested) {
      String name = word.toLowerCase(Locale.ROOT);
      if (ACCEPTED.contains(name)) {
        known.add(name);
      } else {
        unknown.add(word);
      }
    }
    if (known.isEmpty()) {
      known.addAll(DEFAULT);
    }
    if (!unknown.isEmpty()) {
      config.problems().invalidValue(KEY, config.getString(KEY), "a comma list of " + String.join(", ", ACCEPTED),
          String.join(",", known) + " (skipped " + String.join(", ", unknown) + ")");
    }
    known.remove("none");
    List<TextMapPropagator> propagators = new ArrayList<>();
    for (String name : known) {
      propagators.add(new FailSafePropagator("jaeger".equals(name) ? jaeger(config) : propagator(name)));
    }
    return propagators.isEmpty() ? ContextPropagators.noop()
        : ContextPropagators.create(TextMapPropagator.composite(propagators));
  }

  private static TextMapPropagator propagator(String name) {
    switch (name) {
      case "tracecontext":
        return W3CTraceContextPropagator.getInstance();
      case "baggage":
        return W3CBaggagePropagator.getInstance();
      case "b3":
        return B3Propagator.injectingSingleHeader();
      case "b3multi":
        return B3Propagator.injectingMultiHeaders();
      default:
        throw new IllegalArgumentException("no propagator named " + name);
    }
  }

  /** OpenTelemetry's, unless the header names of a jaeger-client configuration are set. */
  private static TextMapPropagator jaeger(TracerConfig config) {
    String traceIdHeader = headerName(config, JAEGER_TRACE_ID_HEADER_KEY, JAEGER_TRACE_ID_HEADER);
    String baggagePrefix = headerName(config, JAEGER_BAGGAGE_PREFIX_KEY, JAEGER_BAGGAGE_PREFIX);
    if (traceIdHeader.equals(JAEGER_TRACE_ID_HEADER) && baggagePrefix.equals(JAEGER_BAGGAGE_PREFIX)) {
      return JaegerPropagator.getInstance();
    }
    return new CustomHeaderJaegerPropagator(traceIdHeader, baggagePrefix);
  }

  /** Lower-case, as the header names of every other propagator; HTTP compares them case-insensitively. */
  private static String headerName(TracerConfig config, String key, String defaultName) {
    String value = config.getString(key);
    if (value == null) {
      return defaultName;
    }
    String name = value.trim();
    boolean valid = !name.isEmpty();
    for (int i = 0; i < name.length() && valid; i++) {
      char c = name.charAt(i);
      valid = c < 128 && (Character.isLetterOrDigit(c) || HEADER_NAME_SYMBOLS.indexOf(c) >= 0);
    }
    if (!valid) {
      config.problems().invalidValue(key, value, "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
          defaultName);
      return defaultName;
    }
    return name.toLowerCase(Locale.ROOT);
  }
}
