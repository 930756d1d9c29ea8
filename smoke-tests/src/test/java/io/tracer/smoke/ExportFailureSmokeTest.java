package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.SilentServer;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A collector that is down or hung changes nothing for the application: every request is answered as without the
 * agent, and the agent tells about the failing export in at most two lines, not one per span or per batch. Each
 * test is one situation with its own application JVM.
 */
@ExtendWith(SmokePrerequisites.class)
class ExportFailureSmokeTest {

  private static final int REQUESTS = 50;
  private static final int ROUNDS = 5;
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(1);
  private static final int MAX_EXPORT_PROBLEM_LINES = 2;
  private static final Duration FIRST_REPORT_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void collectorPortClosed() throws Exception {
    try (TracedApp app = TracedApp.builder("servlet-javax")
        .label(getClass().getSimpleName() + "-closed-port")
        .serviceName("export-failure-smoke")
        .exportTo(OtlpProtocol.GRPC, closedPortEndpoint())
        .start()) {
      for (int request = 0; request < REQUESTS; request++) {
        assertAnsweredAsWithoutAgent(app, request);
      }
      // without a first report the failure path has not run yet, and counting would prove nothing
      assertTrue(app.awaitStderrLine(ExportFailureSmokeTest::isExportProblem, FIRST_REPORT_TIMEOUT).isPresent(),
          "no [tracer] line about the failing export within " + FIRST_REPORT_TIMEOUT + "\n" + app.describeOutput());
      app.close();
      assertExportProblemsToldAtMostTwice(app);
    }
  }

  @Test
  void collectorAcceptsAndNeverAnswers() throws Exception {
    try (SilentServer collector = new SilentServer();
        TracedApp app = TracedApp.builder("servlet-jakarta")
            .label(getClass().getSimpleName() + "-silent-collector")
            .serviceName("export-failure-smoke")
            .exportTo(OtlpProtocol.HTTP_PROTOBUF, collector.endpoint())
            .env("OTEL_EXPORTER_OTLP_TIMEOUT", Long.toString(EXPORT_TIMEOUT.toMillis()))
            .start()) {
      int requestsPerRound = REQUESTS / ROUNDS;
      for (int round = 1; round <= ROUNDS; round++) {
        for (int request = 0; request < requestsPerRound; request++) {
          assertAnsweredAsWithoutAgent(app, (round - 1) * requestsPerRound + request);
        }
        // an export times out and the next one connects anew: proof that export after export failed
        assertTrue(collector.awaitConnections(round, Duration.ofSeconds(30)),
            "no export attempt reached the silent collector in round " + round + "\n" + app.describeOutput());
      }
      app.close();
      assertExportProblemsToldAtMostTwice(app);
    }
  }

  private static void assertAnsweredAsWithoutAgent(TracedApp app, int request) {
    switch (request % 4) {
      case 0 -> assertEquals(new HttpResult(200, "hello"), app.get("/hello"));
      case 1 -> assertEquals(new HttpResult(200, "/" + request), app.get("/orders/" + request));
      case 2 -> assertEquals(new HttpResult(404, "status 404"), app.get("/status/404"));
      default -> assertEquals(new HttpResult(503, "status 503"), app.get("/status/503"));
    }
  }

  private static void assertExportProblemsToldAtMostTwice(TracedApp app) {
    List<String> exportProblems = app.stderrLines().stream().filter(ExportFailureSmokeTest::isExportProblem).toList();
    assertTrue(exportProblems.size() <= MAX_EXPORT_PROBLEM_LINES,
        exportProblems.size() + " [tracer] lines about export:\n" + String.join("\n", exportProblems));
  }

  private static boolean isExportProblem(String stderrLine) {
    return stderrLine.contains("[tracer]") && stderrLine.toLowerCase(Locale.ROOT).contains("export");
  }

  /** A port nothing listens on: bound once to find a free one, then released. */
  private static String closedPortEndpoint() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
