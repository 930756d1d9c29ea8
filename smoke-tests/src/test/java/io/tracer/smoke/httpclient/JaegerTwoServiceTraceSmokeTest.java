package io.tracer.smoke.httpclient;

/** The two-service trace with Jaeger's {@code uber-trace-id} only. */
class JaegerTwoServiceTraceSmokeTest extends TwoServiceTraceSmokeTest {

  @Override
  String propagators() {
    return "jaeger";
  }
}
