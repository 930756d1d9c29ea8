package io.tracer.smoke.harness;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;

/** One metric of one export as it arrived over OTLP, with its resource and instrumentation scope. */
public record ReceivedMetric(Resource resource, InstrumentationScope scope, Metric metric, OtlpProtocol protocol) {

  public String name() {
    return metric.getName();
  }

  public String serviceName() {
    return OtlpAttributes.stringValue(resource.getAttributesList(), "service.name");
  }

  /** The attribute lists of every point, whatever the metric's type. */
  public List<List<KeyValue>> pointAttributes() {
    List<List<KeyValue>> points = new ArrayList<>();
    metric.getGauge().getDataPointsList().forEach(point -> points.add(point.getAttributesList()));
    metric.getSum().getDataPointsList().forEach(point -> points.add(point.getAttributesList()));
    metric.getHistogram().getDataPointsList().forEach(point -> points.add(point.getAttributesList()));
    return points;
  }

  @Override
  public String toString() {
    return name() + " " + pointAttributes();
  }
}
