package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/**
 * The servlet contract on Undertow 2.3 (jakarta.servlet 6.0), spans exported over OTLP/gRPC; the trace id response
 * header on, kept by the undertow module through Undertow's own error response.
 */
class ServletUndertowSmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-undertow";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.GRPC;
  }

  @Override
  boolean returnsTraceIdHeader() {
    return true;
  }
}
