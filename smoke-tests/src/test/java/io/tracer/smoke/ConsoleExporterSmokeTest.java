package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code OTEL_TRACES_EXPORTER=console} prints each trace on the application's stderr, its stdout untouched. */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleExporterSmokeTest {

  private static final String SERVICE_NAME = "console-smoke";
  private static final String SPAN_NAME = "GET /orders/*";

  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    app = TracedApp.builder("servlet-javax")
        .label(getClass().getSimpleName())
        .serviceName(SERVICE_NAME)
        .env("OTEL_TRACES_EXPORTER", "console")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .start();
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void traceIsPrintedOnStderrWithServiceAndSpanName() throws Exception {
    assertEquals(new HttpResult(200, "/5"), app.get("/orders/5"));

    Optional<String> spanLine = app.awaitStderrLine(line -> line.contains(SPAN_NAME), Duration.ofSeconds(30));
    assertTrue(spanLine.isPresent(), "no '" + SPAN_NAME + "' on stderr\n" + app.describeOutput());
    assertTrue(app.stderrLines().stream().anyMatch(line -> line.contains(SERVICE_NAME)),
        "the service name is not on stderr\n" + app.describeOutput());
    assertTrue(app.stdoutLines().stream().noneMatch(line -> line.contains(SPAN_NAME)),
        "spans printed on stdout, which belongs to the application\n" + app.describeOutput());
  }
}
