package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.Tag;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.JaegerReceiver;
import io.tracer.smoke.harness.JaegerReceiver.ReceivedBatch;
import io.tracer.smoke.harness.JaegerReceiver.Transport;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code OTEL_TRACES_EXPORTER=jaeger,jaeger_agent} from tracer.jar: the same spans reach a Jaeger collector's HTTP
 * endpoint and a Jaeger agent's UDP port, and a jaeger-client caller's custom trace header
 * ({@code OTEL_PROPAGATION_JAEGER_TRACE_ID_HEADER}) is the remote parent.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JaegerExportSmokeTest {

  private static final String SERVICE_NAME = "jaeger-smoke";
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);

  private JaegerReceiver jaeger;
  private TracedApp app;

  @BeforeAll
  void start() throws Exception {
    jaeger = new JaegerReceiver();
    app = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName(SERVICE_NAME)
        .env("OTEL_TRACES_EXPORTER", "jaeger,jaeger_agent")
        .env("OTEL_EXPORTER_JAEGER_ENDPOINT", jaeger.collectorEndpoint())
        .env("OTEL_EXPORTER_JAEGER_AGENT_HOST", "127.0.0.1")
        .env("OTEL_EXPORTER_JAEGER_AGENT_PORT", Integer.toString(jaeger.agentPort()))
        .env("OTEL_PROPAGATORS", "jaeger")
        .env("OTEL_PROPAGATION_JAEGER_TRACE_ID_HEADER", "x-request-trace")
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .start();
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (jaeger != null) {
      jaeger.close();
    }
  }

  @Test
  void theSameServerSpanReachesTheCollectorAndTheAgentUnderTheCallersTrace() throws Exception {
    // a jaeger-client caller: 64-bit trace id, hex flags, under the header name its configuration chose
    Map<String, String> caller = Map.of("X-Request-Trace", "a3ce929d0e0e4736:00f067aa0ba902b7:0:1");
    assertEquals(new HttpResult(200, "/7"), app.get("/orders/7", caller));
    assertEquals(500, app.get("/fail", caller).status());

    List<ReceivedBatch> batches = jaeger.awaitBatches(received -> spans(received, Transport.COLLECTOR_HTTP).size() >= 2
        && spans(received, Transport.AGENT_UDP).size() >= 2, ARRIVAL_TIMEOUT);

    for (Transport transport : Transport.values()) {
      batches.stream().filter(b -> b.transport() == transport).forEach(b ->
          assertEquals(SERVICE_NAME, b.batch().getProcess().getServiceName(), transport.toString()));
      List<Span> spans = spans(batches, transport);
      assertEquals(2, spans.size(), transport + ": " + spans);
      Span orders = named(spans, "GET /orders/*");
      Span fail = named(spans, "GET /fail");
      for (Span span : spans) {
        assertEquals(0, span.getTraceIdHigh(), transport.toString());
        assertEquals(Long.parseUnsignedLong("a3ce929d0e0e4736", 16), span.getTraceIdLow(), transport.toString());
        assertEquals(Long.parseUnsignedLong("00f067aa0ba902b7", 16), span.getParentSpanId(), transport.toString());
        assertEquals(List.of(new SpanRef(SpanRefType.CHILD_OF, span.getTraceIdLow(), 0,
            span.getParentSpanId())), span.getReferences());
        assertEquals("server", tag(span, "span.kind").getVStr());
      }
      assertEquals("/orders/*", tag(orders, "http.route").getVStr());
      assertEquals(200, tag(orders, "http.response.status_code").getVLong());
      assertTrue(orders.getTags().stream().noneMatch(t -> t.getKey().equals("error")), orders.toString());
      assertEquals(500, tag(fail, "http.response.status_code").getVLong());
      assertTrue(tag(fail, "error").isVBool(), fail.toString());
      assertTrue(fail.getLogs().stream().anyMatch(log -> log.getFields().stream()
          .anyMatch(field -> field.getKey().equals("exception.message") && "boom".equals(field.getVStr()))),
          fail.getLogs().toString());
    }
    assertEquals(named(spans(batches, Transport.COLLECTOR_HTTP), "GET /fail"),
        named(spans(batches, Transport.AGENT_UDP), "GET /fail"));
    assertTrue(app.stderrLines().stream().noneMatch(line -> line.startsWith("[tracer]")), app.describeOutput());
  }

  private static List<Span> spans(List<ReceivedBatch> batches, Transport transport) {
    return batches.stream().filter(b -> b.transport() == transport).flatMap(b -> b.batch().getSpans().stream())
        .toList();
  }

  private static Span named(List<Span> spans, String name) {
    return spans.stream().filter(s -> s.getOperationName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }

  private static Tag tag(Span span, String key) {
    return span.getTags().stream().filter(t -> t.getKey().equals(key)).findFirst()
        .orElseThrow(() -> new AssertionError("no tag " + key + " in " + span));
  }
}
