package io.tracer.smoke.httpclient;

/** The two-service trace with the default W3C trace context. */
class W3cTwoServiceTraceSmokeTest extends TwoServiceTraceSmokeTest {

  @Override
  String propagators() {
    return "tracecontext,baggage";
  }
}
