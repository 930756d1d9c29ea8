package io.tracer.smoke.harness;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Optional;

/** Reads typed values out of OTLP attribute lists (of spans, resources and events). */
public final class OtlpAttributes {

  private OtlpAttributes() {}

  public static Optional<AnyValue> value(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return Optional.of(attribute.getValue());
      }
    }
    return Optional.empty();
  }

  /** The string value of {@code key}; {@code null} when absent or of another type. */
  public static String stringValue(List<KeyValue> attributes, String key) {
    return value(attributes, key).filter(AnyValue::hasStringValue).map(AnyValue::getStringValue).orElse(null);
  }

  /** The integer value of {@code key}; {@code null} when absent or of another type. */
  public static Long longValue(List<KeyValue> attributes, String key) {
    return value(attributes, key).filter(AnyValue::hasIntValue).map(AnyValue::getIntValue).orElse(null);
  }
}
