package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/**
 * The servlet contract on Jetty 12 ee10 (jakarta.servlet 6.0), spans exported over OTLP/HTTP with protobuf; the
 * trace id response header on.
 */
class ServletJetty12SmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-jetty12";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.HTTP_PROTOBUF;
  }

  @Override
  boolean returnsTraceIdHeader() {
    return true;
  }
}
