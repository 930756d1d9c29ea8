package io.tracer.smoke.httpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two JVMs with the agent: {@code front} calls {@code back} once each with the JDK HttpClient, HttpURLConnection
 * and the application's own OkHttp 4. One trace comes out: front's SERVER span, its three CLIENT spans, and under
 * each of them one SERVER span of back. Both export over OTLP/HTTP through the agent's own OkHttp 5, whose calls
 * must never appear as spans. Each subclass configures both services with one set of propagators.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoServiceTraceSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp back;
  private TracedApp front;

  /** {@code OTEL_PROPAGATORS} of both services. */
  abstract String propagators();

  @BeforeAll
  void startServices() throws Exception {
    receiver = OtlpReceiver.start();
    back = TracedApp.builder("http-client-chain").label(getClass().getSimpleName() + "-back").serviceName("back")
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_PROPAGATORS", propagators())
        .start();
    front = TracedApp.builder("http-client-chain").label(getClass().getSimpleName() + "-front").serviceName("front")
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_PROPAGATORS", propagators())
        .env("DOWNSTREAM_URL", "http://127.0.0.1:" + back.port())
        .start();
  }

  @AfterAll
  void stopServices() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {front, back, receiver}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void oneTraceCrossesBothServicesWithTheRightParentForEverySpan() throws Exception {
    String marker = UUID.randomUUID().toString();
    assertEquals(new HttpResult(200, "back:jdk,back:url-connection,back:okhttp"), front.get("/front?req=" + marker));

    ReceivedSpan entry = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
        && ("req=" + marker).equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);
    List<ReceivedSpan> trace = receiver.awaitSpans(span -> span.traceId().equals(entry.traceId()), 7, SPAN_TIMEOUT);
    Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity()));
    List<ReceivedSpan> clients = trace.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT).toList();
    List<ReceivedSpan> backServers = trace.stream()
        .filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER && span.serviceName().equals("back")).toList();

    assertAll(
        () -> assertEquals(7, trace.size(), OtlpReceiver.describe(trace)),
        () -> assertEquals("front", entry.serviceName()),
        () -> assertEquals("", entry.parentSpanId()),
        () -> assertEquals(3, clients.size(), OtlpReceiver.describe(trace)),
        () -> assertEquals(3, backServers.size(), OtlpReceiver.describe(trace)));
    for (ReceivedSpan client : clients) {
      assertAll(
          () -> assertEquals("front", client.serviceName()),
          () -> assertEquals(entry.spanId(), client.parentSpanId()),
          () -> assertEquals("GET", client.name()),
          () -> assertEquals(200L, client.longAttribute("http.response.status_code")),
          () -> assertEquals((long) back.port(), client.longAttribute("server.port")));
    }
    for (ReceivedSpan server : backServers) {
      ReceivedSpan parent = byId.get(server.parentSpanId());
      assertTrue(parent != null && parent.kind() == SpanKind.SPAN_KIND_CLIENT, OtlpReceiver.describe(trace));
      assertEquals(parent.stringAttribute("url.full"),
          "http://127.0.0.1:" + back.port() + "/back?" + server.stringAttribute("url.query"));
    }
    assertEquals(List.of("io.tracer.java-http-client", "io.tracer.http-url-connection", "io.tracer.okhttp"),
        clients.stream().sorted((a, b) -> Long.compare(a.span().getStartTimeUnixNano(), b.span().getStartTimeUnixNano()))
            .map(ReceivedSpan::scopeName).toList());
  }

  @Test
  void theAgentsOwnExportsAreNeverTraced() throws Exception {
    String marker = UUID.randomUUID().toString();
    front.get("/front?req=" + marker);
    // by the time this request's spans have arrived, both services have exported several batches
    receiver.awaitSpans(span -> span.serviceName().equals("back")
        && span.stringAttribute("url.query") != null, 3, SPAN_TIMEOUT);
    receiver.awaitSpan(span -> ("req=" + marker).equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);

    List<ReceivedSpan> exportSpans = receiver.matching(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && !String.valueOf(span.stringAttribute("url.full")).contains("/back?"));
    assertEquals(List.of(), exportSpans);
  }
}
