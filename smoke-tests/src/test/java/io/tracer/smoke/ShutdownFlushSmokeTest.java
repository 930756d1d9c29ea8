package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.SilentServer;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the JVM is told to stop (SIGTERM, as an orchestrator does), the spans still queued are exported before it
 * exits; and when the collector has hung, the exit waits no longer than {@code otel.tracer.shutdown.timeout}.
 */
@ExtendWith(SmokePrerequisites.class)
class ShutdownFlushSmokeTest {

  private static final int REQUESTS = 20;
  /** Longer than the test: nothing is exported before the shutdown, so only the shutdown can have sent it. */
  private static final String BATCH_DELAY_MILLIS = "600000";
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  /**
   * A liveness bound, not a measurement: the shutdown timeout plus the JVM's and Tomcat's own stop, with a wide
   * margin for a loaded machine. The harness kills a process that has not ended after 30 s, so a hang shows.
   */
  private static final Duration EXIT_BOUND = SHUTDOWN_TIMEOUT.plusSeconds(13);

  @Test
  void spansQueuedAtExitAreExported() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      TracedApp app = TracedApp.builder("servlet-jakarta")
          .label(getClass().getSimpleName() + "-flush")
          .serviceName("shutdown-flush-smoke")
          .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
          .env("OTEL_BSP_SCHEDULE_DELAY", BATCH_DELAY_MILLIS)
          .start();
      for (int request = 0; request < REQUESTS; request++) {
        assertEquals(new HttpResult(200, "/" + request), app.get("/orders/" + request));
      }
      assertEquals(List.of(), serverSpans(receiver), "exported before the exit");

      app.close();

      assertEquals(REQUESTS, serverSpans(receiver).size(), app.describeOutput());
    }
  }

  @Test
  void aHungCollectorDelaysTheExitByAtMostTheShutdownTimeout() throws Exception {
    try (SilentServer collector = new SilentServer()) {
      TracedApp app = TracedApp.builder("servlet-jakarta")
          .label(getClass().getSimpleName() + "-hung-collector")
          .serviceName("shutdown-flush-smoke")
          .exportTo(OtlpProtocol.HTTP_PROTOBUF, collector.endpoint())
          .env("OTEL_BSP_SCHEDULE_DELAY", BATCH_DELAY_MILLIS)
          // one export alone would outlast the shutdown timeout many times over
          .env("OTEL_EXPORTER_OTLP_TIMEOUT", "60s")
          .env("OTEL_TRACER_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toMillis() + "ms")
          .start();
      for (int request = 0; request < REQUESTS; request++) {
        assertEquals(new HttpResult(200, "hello"), app.get("/hello"));
      }

      long stopStarted = System.nanoTime();
      app.close();
      Duration exit = Duration.ofNanos(System.nanoTime() - stopStarted);

      // nothing was exported before the exit (the batch delay is longer than the test): the shutdown connected
      assertTrue(collector.awaitConnections(1, Duration.ZERO), "the shutdown did not try to export");
      assertTrue(exit.compareTo(EXIT_BOUND) < 0, "the JVM took " + exit + " to exit\n" + app.describeOutput());
    }
  }

  private static List<String> serverSpans(OtlpReceiver receiver) {
    return receiver.matching(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER).stream()
        .map(span -> span.name() + " " + span.stringAttribute("url.path")).toList();
  }
}
