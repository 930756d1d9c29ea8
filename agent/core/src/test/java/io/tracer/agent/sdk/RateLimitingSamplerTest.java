package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class RateLimitingSamplerTest {

  private final TestClock clock = TestClock.create();

  private static int sampledOutOf(RateLimitingSampler sampler, int decisions) {
    int sampled = 0;
    for (int i = 0; i < decisions; i++) {
      SamplingDecision decision = sampler.shouldSample(Context.root(), "4bf92f3577b34da6a3ce929d0e0e4736", "GET",
          SpanKind.SERVER, Attributes.empty(), Collections.emptyList()).getDecision();
      if (decision == SamplingDecision.RECORD_AND_SAMPLE) {
        sampled++;
      }
    }
    return sampled;
  }

  @Test
  void allowsABurstOfTheRateThenOnlyWhatTimeRefills() {
    RateLimitingSampler sampler = new RateLimitingSampler(2, clock);

    assertEquals(2, sampledOutOf(sampler, 10));
    clock.advance(Duration.ofMillis(499));
    assertEquals(0, sampledOutOf(sampler, 10));
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, sampledOutOf(sampler, 10));
  }

  @Test
  void aLongQuietPeriodDoesNotSaveUpMoreThanOneSecondOfTraces() {
    RateLimitingSampler sampler = new RateLimitingSampler(5, clock);
    sampledOutOf(sampler, 100);

    clock.advance(Duration.ofMinutes(10));

    assertEquals(5, sampledOutOf(sampler, 100));
  }

  @Test
  void holdsTheRateOverTime() {
    RateLimitingSampler sampler = new RateLimitingSampler(10, clock);
    int sampled = sampledOutOf(sampler, 50);
    for (int tick = 0; tick < 600; tick++) {
      clock.advance(Duration.ofMillis(100));
      sampled += sampledOutOf(sampler, 50);
    }

    // 60 s at 10 per second, plus the initial burst of 10
    assertEquals(610, sampled);
  }

  @Test
  void fractionalRatesSampleLessThanOncePerSecond() {
    RateLimitingSampler sampler = new RateLimitingSampler(0.5, clock);

    assertEquals(1, sampledOutOf(sampler, 10));
    clock.advance(Duration.ofMillis(1999));
    assertEquals(0, sampledOutOf(sampler, 10));
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, sampledOutOf(sampler, 10));
  }

  @Test
  void describesItsRate() {
    assertEquals("RateLimitingSampler{2.5 traces per second}", new RateLimitingSampler(2.5, clock).getDescription());
  }
}
