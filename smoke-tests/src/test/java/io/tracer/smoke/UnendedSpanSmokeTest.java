package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application that starts spans through its own OpenTelemetry API and never ends them ({@code apps/otel-api},
 * {@code /leak}): in debug mode ({@code -Dotel.javaagent.debug=true}) the agent's stderr names the span that was
 * collected unended, with where the application started it, and the one still open when the JVM stops; without
 * debug mode it says nothing of them.
 */
@ExtendWith(SmokePrerequisites.class)
class UnendedSpanSmokeTest {

  private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(500);

  @Test
  void inDebugModeTheSpansNeverEndedAreReportedWithWhereTheyStarted() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      TracedApp app = TracedApp.builder("otel-api")
          .label(getClass().getSimpleName() + "-debug")
          .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
          .jvmArgument("-Dotel.javaagent.debug=true")
          .start();
      try {
        String[] forgotten = leak(app, "/leak");
        String[] kept = leak(app, "/leak?keep=true");

        String report = awaitCollectedReport(app, forgotten[1]);
        assertTrue(report.startsWith("[tracer] span never ended, now unreachable: \"forgotten work\" INTERNAL, trace "
            + forgotten[0] + ", span " + forgotten[1] + ", scope example.otelapi 1.0, age "), report);
        assertTrue(report.contains(" ms, started at example.otelapi.LeakServlet.doGet(LeakServlet.java:"), report);

        app.stopKeepingShutdownOutput();

        List<String> stillOpen = app.stderrLines().stream()
            .filter(line -> line.startsWith("[tracer] span still open at shutdown: ")).toList();
        assertEquals(1, stillOpen.size(), app.describeOutput());
        assertTrue(stillOpen.get(0).startsWith("[tracer] span still open at shutdown: \"kept work\" INTERNAL, trace "
            + kept[0] + ", span " + kept[1] + ", scope example.otelapi 1.0, age "), stillOpen.get(0));
        assertTrue(stillOpen.get(0).contains(" ms, started at example.otelapi.LeakServlet.doGet(LeakServlet.java:"),
            stillOpen.get(0));
      } finally {
        app.close();
      }
    }
  }

  @Test
  void withoutDebugModeNothingIsReported() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      TracedApp app = TracedApp.builder("otel-api")
          .label(getClass().getSimpleName() + "-no-debug")
          .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
          .start();
      leak(app, "/leak");
      leak(app, "/leak?keep=true");
      for (int collection = 0; collection < 5; collection++) {
        assertEquals(204, app.get("/gc").status());
      }
      // the leaking request's SERVER span arrives: the agent was tracing all along
      receiver.awaitSpanNamed("GET /leak", REPORT_TIMEOUT);

      app.stopKeepingShutdownOutput();

      assertEquals(List.of(), app.stderrLines().stream()
          .filter(line -> line.contains("never ended") || line.contains("still open")).toList(), app.describeOutput());
    }
  }

  /** @return the trace id and span id of the span the request left unended */
  private static String[] leak(TracedApp app, String path) {
    HttpResult result = app.get(path);
    assertEquals(200, result.status(), result.body());
    return result.body().trim().split(" ");
  }

  /** Asks the application for a collection until its stderr reports the span; each request also drains the watch. */
  private static String awaitCollectedReport(TracedApp app, String spanId) throws InterruptedException {
    long deadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertEquals(204, app.get("/gc").status());
      Optional<String> report = app.awaitStderrLine(
          line -> line.startsWith("[tracer] span never ended") && line.contains(", span " + spanId + ","), POLL);
      if (report.isPresent()) {
        return report.get();
      }
    }
    throw new AssertionError("no report of span " + spanId + " within " + REPORT_TIMEOUT + "\n" + app.describeOutput());
  }
}
