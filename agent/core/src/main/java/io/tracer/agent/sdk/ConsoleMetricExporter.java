package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;

/**
 * {@code otel.metrics.exporter=console}: one line per metric point, for a developer reading stderr, such as
 * {@code [tracer] metric jvm.memory.used{jvm.memory.type=heap, jvm.memory.pool.name=G1 Old Gen} 1048576 By}.
 * Histograms show count, sum, min and max rather than every bucket.
 */
final class ConsoleMetricExporter implements MetricExporter {

  private final PrintStream out;

  ConsoleMetricExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    StringBuilder lines = new StringBuilder();
    for (MetricData metric : metrics) {
      for (PointData point : metric.getData().getPoints()) {
        render(metric, point, lines);
        lines.append(System.lineSeparator());
      }
    }
    out.print(lines);
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  static void render(MetricData metric, PointData point, StringBuilder line) {
    line.append("[tracer] metric ").append(metric.getName());
    appendAttributes(point.getAttributes(), line);
    line.append(' ');
    if (point instanceof LongPointData) {
      line.append(((LongPointData) point).getValue());
    } else if (point instanceof DoublePointData) {
      line.append(((DoublePointData) point).getValue());
    } else if (point instanceof HistogramPointData) {
      HistogramPointData histogram = (HistogramPointData) point;
      line.append("count=").append(histogram.getCount()).append(" sum=").append(histogram.getSum());
      if (histogram.hasMin()) {
        line.append(" min=").append(histogram.getMin());
      }
      if (histogram.hasMax()) {
        line.append(" max=").append(histogram.getMax());
      }
    } else {
      line.append(point);
    }
    if (!metric.getUnit().isEmpty() && !"1".equals(metric.getUnit())) {
      line.append(' ').append(metric.getUnit());
    }
  }

  private static void appendAttributes(Attributes attributes, StringBuilder line) {
    if (attributes.isEmpty()) {
      return;
    }
    line.append('{');
    boolean first = true;
    for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
      if (!first) {
        line.append(", ");
      }
      first = false;
      line.append(attribute.getKey().getKey()).append('=').append(attribute.getValue());
    }
    line.append('}');
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
