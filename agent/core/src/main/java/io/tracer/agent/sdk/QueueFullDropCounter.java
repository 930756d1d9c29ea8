package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts the spans a {@code BatchSpanProcessor} drops because its queue is full. The processor tells that only to a
 * {@link MeterProvider}, as the {@code otel.sdk.processor.span.processed} counter with {@code error.type=queue_full}
 * (when built with {@code InternalTelemetryVersion.LATEST}); this provider keeps exactly that number and hands out
 * no-op instruments for everything else. Cheaper than the metrics SDK, none of whose classes it loads: on the
 * application's thread a drop costs one attribute lookup and a {@link LongAdder} increment.
 */
final class QueueFullDropCounter implements MeterProvider {

  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final String QUEUE_FULL = "queue_full";
  private static final Meter NO_OP = MeterProvider.noop().get("tracer");

  private final LongAdder dropped = new LongAdder();
  private final Meter meter = new DropCountingMeter();

  /** The spans dropped since the previous call. */
  long takeDropped() {
    return dropped.sumThenReset();
  }

  @Override
  public Meter get(String instrumentationScopeName) {
    return meter;
  }

  @Override
  public MeterBuilder meterBuilder(String instrumentationScopeName) {
    return new FixedMeterBuilder();
  }

  private final class FixedMeterBuilder implements MeterBuilder {
    @Override
    public MeterBuilder setSchemaUrl(String schemaUrl) {
      return this;
    }

    @Override
    public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
      return this;
    }

    @Override
    public Meter build() {
      return meter;
    }
  }

  private final class DropCountingMeter implements Meter {
    @Override
    public LongCounterBuilder counterBuilder(String name) {
      return new DropCounterBuilder(NO_OP.counterBuilder(name));
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
      return NO_OP.upDownCounterBuilder(name);
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
      return NO_OP.histogramBuilder(name);
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
      return NO_OP.gaugeBuilder(name);
    }
  }

  private final class DropCounterBuilder implements LongCounterBuilder {
    private final LongCounterBuilder noOp;

    DropCounterBuilder(LongCounterBuilder noOp) {
      this.noOp = noOp;
    }

    @Override
    public LongCounterBuilder setDescription(String description) {
      return this;
    }

    @Override
    public LongCounterBuilder setUnit(String unit) {
      return this;
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      return noOp.ofDoubles();
    }

    @Override
    public LongCounter build() {
      return new DropCounter();
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return noOp.buildWithCallback(callback);
    }
  }

  private final class DropCounter implements LongCounter {
    @Override
    public void add(long value) {
      // without attributes it is not a drop
    }

    @Override
    public void add(long value, Attributes attributes) {
      if (QUEUE_FULL.equals(attributes.get(ERROR_TYPE))) {
        dropped.add(value);
      }
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      add(value, attributes);
    }
  }
}
