package io.tracer.smoke.servlet;

import io.tracer.smoke.harness.OtlpProtocol;

/** The servlet contract on Tomcat 9 (javax.servlet), spans exported over OTLP/gRPC. */
class ServletJavaxSmokeTest extends ServletContractSmokeTest {

  @Override
  String appName() {
    return "servlet-javax";
  }

  @Override
  OtlpProtocol protocol() {
    return OtlpProtocol.GRPC;
  }
}
