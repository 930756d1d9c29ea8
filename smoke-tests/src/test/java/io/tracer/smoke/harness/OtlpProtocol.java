package io.tracer.smoke.harness;

/** The two OTLP transports the receiver speaks, as {@code OTEL_EXPORTER_OTLP_PROTOCOL} names them. */
public enum OtlpProtocol {
  GRPC("grpc"),
  HTTP_PROTOBUF("http/protobuf");

  private final String configValue;

  OtlpProtocol(String configValue) {
    this.configValue = configValue;
  }

  public String configValue() {
    return configValue;
  }
}
