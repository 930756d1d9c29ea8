package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/** The servlet contract on Undertow 2.3 (jakarta.servlet 6.0), spans exported over OTLP/gRPC. */
class ServletUndertowSmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-undertow";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.GRPC;
  }
}
