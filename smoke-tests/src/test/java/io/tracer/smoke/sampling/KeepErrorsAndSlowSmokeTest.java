package io.tracer.smoke.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Status;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * At 1% sampling, the failed and the slow requests among a hundred reach the collector in full, and no other. The
 * requests carry their trace ids (with the caller's "not sampled" flag) so that the ratio sampler's verdict is known:
 * every id here is one it drops.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeepErrorsAndSlowSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(60);
  /** Above the default slow threshold of 2 s. */
  private static final String SLOW_PATH = "/async?millis=2500";

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName("keep-errors-smoke")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("OTEL_TRACES_SAMPLER", "traceidratio")
        .env("OTEL_TRACES_SAMPLER_ARG", "0.01")
        .start();
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  /** The random half is far above 1% of {@code Long.MAX_VALUE}: the ratio sampler drops each of these traces. */
  private static String droppedTraceId(int series, int request) {
    return String.format("%016x%016x", series, 0x7000000000000000L + request);
  }

  private int get(String path, String traceId) {
    return app.get(path, Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-00")).status();
  }

  @Test
  void ofAHundredRequestsExactlyTheThreeFailedAndTwoSlowTracesArrive() throws Exception {
    // the first requests load and link everything: none of them is measured
    for (int i = 0; i < 10; i++) {
      get(i % 2 == 0 ? "/hello" : "/orders/" + i, droppedTraceId(1, i));
    }
    Set<String> expected = new TreeSet<>();
    Set<String> all = new TreeSet<>();
    for (int i = 0; i < 100; i++) {
      String traceId = droppedTraceId(2, i);
      all.add(traceId);
      if (i == 7 || i == 42 || i == 63) {
        assertEquals(500, get("/fail", traceId));
        expected.add(traceId);
      } else if (i == 20 || i == 88) {
        assertEquals(200, get(SLOW_PATH, traceId));
        expected.add(traceId);
      } else {
        assertEquals(200, get(i % 3 == 0 ? "/async" : i % 3 == 1 ? "/hello" : "/orders/" + i, traceId));
      }
    }
    // spans are exported in the order they end: once this one has arrived, any of the hundred would have too
    String barrier = droppedTraceId(3, 0);
    assertEquals(500, get("/fail", barrier));
    receiver.awaitSpan(span -> span.traceId().equals(barrier), SPAN_TIMEOUT);

    List<ReceivedSpan> arrived = receiver.matching(span -> all.contains(span.traceId()));
    assertEquals(expected, arrived.stream().map(ReceivedSpan::traceId).collect(Collectors.toCollection(TreeSet::new)),
        OtlpReceiver.describe(arrived));
    for (String traceId : expected) {
      List<ReceivedSpan> trace = receiver.spansOfTrace(traceId);
      assertEquals(1, trace.size(), OtlpReceiver.describe(trace));
      ReceivedSpan server = trace.get(0);
      // the caller's span, which the caller dropped, stays the parent: it is the part that cannot be recovered
      assertEquals("00f067aa0ba902b7", server.parentSpanId());
      if (server.name().equals("GET /fail")) {
        assertEquals(Status.StatusCode.STATUS_CODE_ERROR, server.statusCode());
      } else {
        assertEquals("GET /async", server.name());
        assertTrue(server.durationNanos() >= Duration.ofSeconds(2).toNanos(), server.toString());
      }
    }
    assertTrue(app.stderrLines().stream().noneMatch(line -> line.startsWith("[tracer]")), app.describeOutput());
  }
}
