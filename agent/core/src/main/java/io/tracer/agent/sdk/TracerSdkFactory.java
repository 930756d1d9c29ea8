package io.tracer.agent.sdk;

import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.tracer.agent.config.DebugMode;
import io.tracer.agent.protection.CircuitBreakerGuard;
import io.tracer.agent.protection.CircuitBreakerMetrics;
import io.tracer.agent.protection.CircuitBreakerSettings;
import io.tracer.agent.runtime.RuntimeMetrics;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.PrintStream;
import java.util.List;

/**
 * Builds the agent's OpenTelemetry SDK by hand from the configuration, once, in premain: resource, sampler,
 * propagators, span limits, one batch pipeline per exporter, the circuit breaker, and the metrics when an exporter
 * is named for them. No autoconfigure module: its errors would be
 * exceptions, and its service loading costs start-up time.
 */
public final class TracerSdkFactory {

  private static final int DEFAULT_ATTRIBUTE_VALUE_LENGTH = 1024;
  private static final int DEFAULT_ATTRIBUTE_COUNT = 128;

  private TracerSdkFactory() {}

  public static TracerSdk create(TracerConfig config) {
    return create(config, System.err, Clock.getDefault());
  }

  /**
   * @param diagnostics where export losses, shutdown problems and, in debug mode, spans never ended are told: stderr,
   *     except in tests
   */
  static TracerSdk create(TracerConfig config, PrintStream diagnostics, Clock clock) {
    boolean debug = DebugMode.isOn(config);
    if (!debug) {
      ExporterLogSilencer.silence();
    }
    Resource resource = TracerResource.create(config, System.getProperties(), System.getenv());
    List<SpanProcessor> exporters = SpanProcessorFactory.create(config, diagnostics, clock);
    // with no exporter nothing could be kept, and the spans would be recorded for nothing
    KeepSettings keep = KeepSettings.from(config);
    boolean keeping = keep.enabled() && !exporters.isEmpty();
    Sampler sampler = SamplerFactory.create(config, clock, resource.getAttribute(TracerResource.SERVICE_NAME), keeping);
    CircuitBreakerGuard breaker = CircuitBreakerGuard.start(CircuitBreakerSettings.from(config), diagnostics);
    if (breaker != null) {
      sampler = new CircuitBreakerSampler(sampler, breaker.breaker());
    }
    SdkTracerProviderBuilder tracerProvider = SdkTracerProvider.builder()
        .setClock(clock)
        .setResource(resource)
        .setSampler(sampler)
        .setSpanLimits(spanLimits(config))
        .addSpanProcessor(new CorrelationIdSpanProcessor());
    if (debug) {
      tracerProvider.addSpanProcessor(new UnendedSpanDetector(diagnostics, clock));
    }
    if (!exporters.isEmpty()) {
      SpanProcessor exporting = SpanProcessor.composite(exporters);
      if (keeping) {
        exporting = new ErrorAndSlowTraceKeeper(exporting, keep, diagnostics, clock);
      }
      tracerProvider.addSpanProcessor(SlowMethodSpanFilter.wrap(config, exporting));
    }
    SdkTracerProvider provider = tracerProvider.build();
    ContextPropagators propagators = PropagatorFactory.create(config);
    long shutdownTimeout = config.getDurationMillis(TracerSdk.SHUTDOWN_TIMEOUT_KEY, 5000);
    MetricsSettings metrics = MetricsSettings.from(config);
    MeterSdk meterSdk = metrics.enabled() ? meterSdk(metrics, config, resource, diagnostics, clock, breaker) : null;
    return new TracerSdk(provider, new TracingOpenTelemetry(provider, propagators), meterSdk, breaker,
        shutdownTimeout, diagnostics);
  }

  /** The runtime and breaker metrics are the agent's own: instrumentation scope {@code io.tracer.agent}. */
  private static MeterSdk meterSdk(MetricsSettings metrics, TracerConfig config, Resource resource,
      PrintStream console, Clock clock, CircuitBreakerGuard breaker) {
    MeterSdk meterSdk = MeterSdkFactory.create(metrics, config, resource, console, clock);
    RuntimeMetrics.register(meterSdk.meterProvider().get("io.tracer.runtime"));
    if (breaker != null) {
      CircuitBreakerMetrics.register(meterSdk.meterProvider().get("io.tracer.agent"), breaker.breaker());
    }
    return meterSdk;
  }

  /** {@code otel.span.*} wins over the general {@code otel.attribute.*}, as in the specification. */
  private static SpanLimits spanLimits(TracerConfig config) {
    int valueLength = config.getInt("otel.span.attribute.value.length.limit",
        config.getInt("otel.attribute.value.length.limit", DEFAULT_ATTRIBUTE_VALUE_LENGTH, 1, Integer.MAX_VALUE),
        1, Integer.MAX_VALUE);
    int count = config.getInt("otel.span.attribute.count.limit",
        config.getInt("otel.attribute.count.limit", DEFAULT_ATTRIBUTE_COUNT, 0, Integer.MAX_VALUE),
        0, Integer.MAX_VALUE);
    return SpanLimits.builder().setMaxAttributeValueLength(valueLength).setMaxNumberOfAttributes(count).build();
  }
}
