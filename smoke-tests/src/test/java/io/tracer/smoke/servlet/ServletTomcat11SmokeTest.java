package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/**
 * The servlet contract on Tomcat 11 (jakarta.servlet 6.1), spans exported over OTLP/HTTP with protobuf; the trace
 * id response header on.
 */
class ServletTomcat11SmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-tomcat11";
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
