package io.tracer.smoke.otelapi;

/** The app compiled against and running on OpenTelemetry API 1.0.0, the oldest 1.x. */
class Api10SmokeTest extends ApplicationOpenTelemetryApiSmokeTest {

  Api10SmokeTest() {
    super("otel-api", "opentelemetry-api-1.0.0.jar");
  }
}
