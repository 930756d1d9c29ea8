package io.tracer.agent.protection;

import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.function.Consumer;

/** {@code tracer.circuit_breaker.state} (1 open, 0 closed) and {@code tracer.circuit_breaker.skipped_traces}. */
public final class CircuitBreakerMetrics implements Consumer<ObservableLongMeasurement> {

  private final CircuitBreaker breaker;
  private final boolean state;

  private CircuitBreakerMetrics(CircuitBreaker breaker, boolean state) {
    this.breaker = breaker;
    this.state = state;
  }

  public static void register(Meter meter, CircuitBreaker breaker) {
    meter.gaugeBuilder("tracer.circuit_breaker.state").ofLongs().setUnit("1")
        .setDescription("1 while the agent records no new traces to protect the application's heap or CPU, else 0.")
        .buildWithCallback(new CircuitBreakerMetrics(breaker, true));
    meter.counterBuilder("tracer.circuit_breaker.skipped_traces").setUnit("{trace}")
        .setDescription("New traces not recorded because the circuit breaker was open.")
        .buildWithCallback(new CircuitBreakerMetrics(breaker, false));
  }

  @Override
  public void accept(ObservableLongMeasurement measurement) {
    measurement.record(state ? (breaker.isOpen() ? 1 : 0) : breaker.skippedTraces());
  }
}
