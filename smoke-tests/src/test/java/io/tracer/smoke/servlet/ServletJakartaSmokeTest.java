package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/** The servlet contract on Tomcat 10.1 (jakarta.servlet), spans exported over OTLP/HTTP with protobuf. */
class ServletJakartaSmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-jakarta";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.HTTP_PROTOBUF;
  }
}
