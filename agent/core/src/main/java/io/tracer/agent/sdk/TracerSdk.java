package io.tracer.agent.sdk;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.tracer.agent.protection.CircuitBreakerGuard;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The agent's running SDK: what advice and the application's API calls trace with, and its orderly end. */
public final class TracerSdk {

  static final String SHUTDOWN_TIMEOUT_KEY = "otel.tracer.shutdown.timeout";

  private final SdkTracerProvider tracerProvider;
  private final OpenTelemetry openTelemetry;
  /** {@code null} while metrics are off. */
  private final MeterSdk meterSdk;
  /** {@code null} while the circuit breaker is off. */
  private final CircuitBreakerGuard breaker;
  private final long shutdownTimeoutMillis;
  private final PrintStream diagnostics;
  private final AtomicBoolean shutDown = new AtomicBoolean();

  TracerSdk(SdkTracerProvider tracerProvider, OpenTelemetry openTelemetry, MeterSdk meterSdk,
      CircuitBreakerGuard breaker, long shutdownTimeoutMillis, PrintStream diagnostics) {
    this.tracerProvider = tracerProvider;
    this.openTelemetry = openTelemetry;
    this.meterSdk = meterSdk;
    this.breaker = breaker;
    this.shutdownTimeoutMillis = shutdownTimeoutMillis;
    this.diagnostics = diagnostics;
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The agent's meter provider, {@code null} while metrics are off ({@code otel.metrics.exporter=none}). */
  public MeterProvider meterProvider() {
    return meterSdk == null ? null : meterSdk.meterProvider();
  }

  /**
   * Exports what is still queued and stops the exporters, waiting at most {@code otel.tracer.shutdown.timeout}
   * (5 s by default) so that a dead collector cannot hold up the JVM's exit. Only the first call does anything.
   */
  public void shutdown() {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    if (breaker != null) {
      breaker.close();
    }
    try {
      CompletableResultCode result = tracerProvider.shutdown().join(shutdownTimeoutMillis, TimeUnit.MILLISECONDS);
      if (!result.isDone()) {
        diagnostics.println("[tracer] spans still queued after " + shutdownTimeoutMillis + " ms ("
            + SHUTDOWN_TIMEOUT_KEY + ") were not exported");
      }
    } catch (RuntimeException failure) {
      diagnostics.println("[tracer] shutdown failed, queued spans may be lost: " + failure);
    }
    if (meterSdk != null) {
      try {
        if (!meterSdk.shutdown(shutdownTimeoutMillis)) {
          diagnostics.println("[tracer] the last metrics were not exported within " + shutdownTimeoutMillis
              + " ms (" + SHUTDOWN_TIMEOUT_KEY + ")");
        }
      } catch (RuntimeException failure) {
        diagnostics.println("[tracer] metrics shutdown failed, the last points may be lost: " + failure);
      }
    }
  }
}
