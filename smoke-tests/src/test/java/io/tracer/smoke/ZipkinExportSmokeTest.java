package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HeadlessChromium;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.SmokeEnvironment;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.smoke.harness.ZipkinServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import zipkin2.Span;

/**
 * {@code OTEL_TRACES_EXPORTER=zipkin} against a real Zipkin server: a traced servlet application's spans are
 * stored by Zipkin and read back through its query API, with the caller's trace, the route, the status and the
 * error; and Zipkin's own trace page shows them in headless Chromium (a screenshot is kept with the logs).
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZipkinExportSmokeTest {

  private static final String SERVICE_NAME = "zipkin-smoke";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";
  private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);

  private ZipkinServer zipkin;
  private TracedApp app;

  @BeforeAll
  void start() throws Exception {
    zipkin = ZipkinServer.start(getClass().getSimpleName());
    app = TracedApp.builder("servlet-javax")
        .label(getClass().getSimpleName())
        .serviceName(SERVICE_NAME)
        .env("OTEL_TRACES_EXPORTER", "zipkin")
        .env("OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint())
        .env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .start();
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (zipkin != null) {
      zipkin.close();
    }
  }

  @Test
  void aRequestsSpanIsStoredByZipkinUnderTheCallersTrace() throws Exception {
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    assertEquals(new HttpResult(200, "/5"), app.get("/orders/5", traceparent(traceId)));

    Span server = single(zipkin.awaitTrace(traceId, spans -> !spans.isEmpty(), ARRIVAL_TIMEOUT));
    assertEquals("get /orders/*", server.name());
    assertEquals(Span.Kind.SERVER, server.kind());
    assertEquals(CALLER_SPAN_ID, server.parentId());
    assertEquals(SERVICE_NAME, server.localServiceName());
    assertEquals("/orders/*", server.tags().get("http.route"));
    assertEquals("200", server.tags().get("http.response.status_code"));
    assertEquals("/orders/5", server.tags().get("url.path"));
    assertTrue(!server.tags().containsKey("error"), server.toString());
    assertTrue(server.durationAsLong() > 0, server.toString());
    assertTrue(app.stderrLines().stream().noneMatch(line -> line.startsWith("[tracer]")), app.describeOutput());
  }

  @Test
  void aFailedRequestIsStoredAsAnErrorWithItsException() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80319c";
    assertEquals(500, app.get("/fail", traceparent(traceId)).status());

    Span server = single(zipkin.awaitTrace(traceId, spans -> !spans.isEmpty(), ARRIVAL_TIMEOUT));
    assertEquals("get /fail", server.name());
    assertEquals("500", server.tags().get("http.response.status_code"));
    assertEquals("ERROR", server.tags().get("otel.status_code"));
    assertTrue(server.tags().containsKey("error"), server.toString());
    assertTrue(server.annotations().stream().anyMatch(annotation -> annotation.value().startsWith("\"exception\":")
        && annotation.value().contains("java.lang.IllegalStateException")
        && annotation.value().contains("boom")), server.annotations().toString());
  }

  @Test
  void zipkinsTracePageShowsTheSpanInHeadlessChromium() throws Exception {
    String traceId = "5b8efff798038103d269b633813fc60c";
    assertEquals(new HttpResult(200, "/9"), app.get("/orders/9", traceparent(traceId)));
    zipkin.awaitTrace(traceId, spans -> !spans.isEmpty(), ARRIVAL_TIMEOUT);
    Path pageDirectory = SmokeEnvironment.logsDir().resolve(getClass().getSimpleName()).resolve("trace-page");
    HeadlessChromium chromium = HeadlessChromium.require(pageDirectory);
    String page = zipkin.baseUrl() + "/zipkin/traces/" + traceId;

    String dom = chromium.renderedDom(page);
    // the trace's title in Zipkin's UI is its root span: "service: span name"
    assertTrue(dom.contains(SERVICE_NAME + ": get /orders/*"), "no trace title in " + pageDirectory);
    assertTrue(dom.contains(traceId), "no trace id in " + pageDirectory);
    assertTrue(dom.contains(CALLER_SPAN_ID), "no parent id in " + pageDirectory);
    chromium.screenshot(page, pageDirectory.resolve("trace-page.png"));
  }

  private static Map<String, String> traceparent(String traceId) {
    return Map.of("traceparent", "00-" + traceId + "-" + CALLER_SPAN_ID + "-01");
  }

  private static Span single(List<Span> spans) {
    assertEquals(1, spans.size(), spans.toString());
    return spans.get(0);
  }
}
