package io.tracer.smoke.httpclient;

/** The two-service trace with B3 in multiple headers only ({@code X-B3-TraceId}, ...). */
class B3MultiTwoServiceTraceSmokeTest extends TwoServiceTraceSmokeTest {

  @Override
  String propagators() {
    return "b3multi";
  }
}
