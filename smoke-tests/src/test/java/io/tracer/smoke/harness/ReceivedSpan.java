package io.tracer.smoke.harness;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;

/** One span as it arrived over OTLP, with the resource and instrumentation scope it was sent under. */
public record ReceivedSpan(Resource resource, InstrumentationScope scope, Span span, OtlpProtocol protocol) {

  public String name() {
    return span.getName();
  }

  public Span.SpanKind kind() {
    return span.getKind();
  }

  public String traceId() {
    return hex(span.getTraceId());
  }

  public String spanId() {
    return hex(span.getSpanId());
  }

  /** Empty for a root span. */
  public String parentSpanId() {
    return hex(span.getParentSpanId());
  }

  public String scopeName() {
    return scope.getName();
  }

  public String serviceName() {
    return OtlpAttributes.stringValue(resource.getAttributesList(), "service.name");
  }

  public String stringAttribute(String key) {
    return OtlpAttributes.stringValue(span.getAttributesList(), key);
  }

  public Long longAttribute(String key) {
    return OtlpAttributes.longValue(span.getAttributesList(), key);
  }

  public Status.StatusCode statusCode() {
    return span.getStatus().getCode();
  }

  public long durationNanos() {
    return span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
  }

  public Optional<Span.Event> event(String eventName) {
    return span.getEventsList().stream().filter(event -> event.getName().equals(eventName)).findFirst();
  }

  /** A one-line summary, for assertion messages that list what did arrive. */
  @Override
  public String toString() {
    String attributes = span.getAttributesList().stream()
        .map(attribute -> attribute.getKey() + "=" + valueText(attribute.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
    return "'" + name() + "' " + kind() + " service=" + serviceName() + " scope=" + scopeName() + " trace="
        + traceId() + " span=" + spanId() + " parent=" + parentSpanId() + " status=" + statusCode() + " "
        + attributes + " via " + protocol;
  }

  private static String valueText(AnyValue value) {
    return value.hasStringValue() ? value.getStringValue() : value.toString().trim();
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
