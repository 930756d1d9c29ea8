package io.tracer.agent.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.util.concurrent.TimeUnit;

/** The metrics half of the agent's SDK, present only when {@code otel.metrics.exporter} names an exporter. */
public final class MeterSdk {

  private final SdkMeterProvider meterProvider;

  MeterSdk(SdkMeterProvider meterProvider) {
    this.meterProvider = meterProvider;
  }

  public MeterProvider meterProvider() {
    return meterProvider;
  }

  /** Exports the last points and stops the readers; false when that took longer than {@code timeoutMillis}. */
  boolean shutdown(long timeoutMillis) {
    CompletableResultCode result = meterProvider.shutdown().join(timeoutMillis, TimeUnit.MILLISECONDS);
    return result.isDone();
  }
}
