package io.tracer.agent.sdk;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples at most a given number of traces per second in this process, as Jaeger's {@code ratelimiting} sampler does,
 * allowing a burst of {@code max(1, rate)} traces after a quiet period.
 *
 * <p>The token bucket is kept as one number, the time at which the bucket would be full again (the "theoretical
 * arrival time" of the generic cell rate algorithm), so a decision is a read and one compare-and-set on an
 * {@link AtomicLong}: no lock, no allocation.
 */
final class RateLimitingSampler implements Sampler {

  private static final double NANOS_PER_SECOND = 1_000_000_000d;

  private final double tracesPerSecond;
  private final Clock clock;
  private final long intervalNanos;
  private final long burstToleranceNanos;
  private final AtomicLong fullAgainAtNanos;

  RateLimitingSampler(double tracesPerSecond, Clock clock) {
    this.tracesPerSecond = tracesPerSecond;
    this.clock = clock;
    this.intervalNanos = Math.max(1L, (long) (NANOS_PER_SECOND / tracesPerSecond));
    double burst = Math.max(1d, tracesPerSecond);
    this.burstToleranceNanos = (long) ((burst - 1d) * intervalNanos);
    this.fullAgainAtNanos = new AtomicLong(clock.nanoTime());
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    return tryAcquire() ? SamplingResult.recordAndSample() : SamplingResult.drop();
  }

  private boolean tryAcquire() {
    long now = clock.nanoTime();
    while (true) {
      long fullAgainAt = fullAgainAtNanos.get();
      long aheadOfNow = fullAgainAt - now;
      if (aheadOfNow > burstToleranceNanos) {
        return false;
      }
      long next = (aheadOfNow > 0 ? fullAgainAt : now) + intervalNanos;
      if (fullAgainAtNanos.compareAndSet(fullAgainAt, next)) {
        return true;
      }
    }
  }

  @Override
  public String getDescription() {
    return "RateLimitingSampler{" + tracesPerSecond + " traces per second}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
