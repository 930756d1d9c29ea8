package io.tracer.instrumentation.api.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * {@code http.server.request.duration}, in seconds, for every request that gets a SERVER span, sampled or not:
 * metrics are not sampled. Exists only while metrics are on; then each request carries one small {@link Start}
 * in its context, and its end builds one attribute set (the SDK finds the series by it, without copying).
 */
final class HttpServerDurations {

  private static final ContextKey<Start> START = ContextKey.named("io.tracer.http-server-start");

  private final DoubleHistogram duration;

  private HttpServerDurations(DoubleHistogram duration) {
    this.duration = duration;
  }

  static HttpServerDurations create(Meter meter) {
    return new HttpServerDurations(meter.histogramBuilder("http.server.request.duration")
        .setUnit("s")
        .setDescription("Duration of HTTP server requests.")
        .setExplicitBucketBoundariesAdvice(HttpDurationBuckets.SECONDS)
        .build());
  }

  /** @param method as the span has it, {@code _OTHER} for an unknown one; {@code route} null when not known yet */
  Context started(Context context, String method, String scheme, String route) {
    return context.with(START, new Start(System.nanoTime(), method, scheme, route));
  }

  /**
   * @param route the route a framework learned during the request, or null for the one known at the start
   * @param status {@code 0} when no response was written; {@code errorType} null without error
   */
  void ended(Context context, String route, int status, String errorType) {
    Start start = context.get(START);
    if (start == null) {
      return;
    }
    double seconds = (System.nanoTime() - start.nanos) / HttpDurationBuckets.NANOS_PER_SECOND;
    // a builder, not Attributes.of: the API reports each null value there as a usage issue
    AttributesBuilder attributes = Attributes.builder().put(HttpServerTracer.METHOD, start.method);
    putIfPresent(attributes, HttpServerTracer.SCHEME, start.scheme);
    putIfPresent(attributes, HttpServerTracer.ROUTE, route != null ? route : start.route);
    putIfPresent(attributes, HttpServerTracer.ERROR_TYPE, errorType);
    if (status > 0) {
      attributes.put(HttpServerTracer.STATUS_CODE, HttpDurationBuckets.statusCode(status));
    }
    duration.record(seconds, attributes.build());
  }

  static void putIfPresent(AttributesBuilder attributes, AttributeKey<String> key, String value) {
    if (value != null) {
      attributes.put(key, value);
    }
  }

  private static final class Start {
    final long nanos;
    final String method;
    final String scheme;
    final String route;

    Start(long nanos, String method, String scheme, String route) {
      this.nanos = nanos;
      this.method = method;
      this.scheme = scheme;
      this.route = route;
    }
  }
}
