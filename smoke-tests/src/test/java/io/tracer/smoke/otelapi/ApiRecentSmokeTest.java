package io.tracer.smoke.otelapi;

/** The same app compiled against and running on OpenTelemetry API 1.62.0, other than the agent's own. */
class ApiRecentSmokeTest extends ApplicationOpenTelemetryApiSmokeTest {

  ApiRecentSmokeTest() {
    super("otel-api-latest", "opentelemetry-api-1.62.0.jar");
  }
}
