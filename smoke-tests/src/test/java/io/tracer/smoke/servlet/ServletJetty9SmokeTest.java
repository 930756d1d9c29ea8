package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/**
 * The servlet contract on Jetty 9.4 (javax.servlet 3.1: routes without the Servlet 4 mapping API), spans exported
 * over OTLP/gRPC.
 */
class ServletJetty9SmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-jetty9";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.GRPC;
  }
}
