package io.tracer.smoke.spring;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Spring Boot 3 application (Spring MVC 6, embedded Tomcat, context path {@code /petclinic}): every request
 * passes one {@code DispatcherServlet} mapped to {@code /}, so the span is named by the controller's route
 * template; a request no controller takes is named by its method alone, even though Spring Boot's static
 * resource handler and its {@code /error} page see it too.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringBootWebMvcSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final String TRACE_ID_HEADER = "X-Trace-Id";

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("spring-boot-webmvc")
        .label(getClass().getSimpleName())
        .serviceName("petclinic")
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_HTTP_SERVER_RESPONSE_TRACE_ID_HEADER", TRACE_ID_HEADER)
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

  @Test
  void theSpanIsNamedByTheControllersRouteTemplateWithTheContextPath() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "owner 42"), app.get("/petclinic/owners/42?req=" + marker));

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /petclinic/owners/{ownerId}", span.name()),
        () -> assertEquals(SpanKind.SPAN_KIND_SERVER, span.kind()),
        () -> assertEquals("io.tracer.servlet", span.scopeName()),
        () -> assertEquals("/petclinic/owners/{ownerId}", span.stringAttribute("http.route")),
        () -> assertEquals("/petclinic/owners/42", span.stringAttribute("url.path")),
        () -> assertEquals(200L, span.longAttribute("http.response.status_code")),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, span.statusCode()));
  }

  @Test
  void aTemplateWithSeveralVariablesNamesTheSpan() throws Exception {
    String marker = newMarker();
    assertEquals(new HttpResult(200, "pet 7 of owner 42"), app.get("/petclinic/owners/42/pets/7?req=" + marker));

    assertEquals("GET /petclinic/owners/{ownerId}/pets/{petId}", awaitServerSpan(marker).name());
  }

  @Test
  void aRequestNoControllerTakesIsA404NamedByTheMethodAloneInOneSpan() throws Exception {
    String marker = newMarker();
    assertEquals(404, app.get("/petclinic/no/such/page?req=" + marker).status());

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertNull(span.stringAttribute("http.route")),
        () -> assertEquals("/petclinic/no/such/page", span.stringAttribute("url.path")),
        () -> assertEquals(404L, span.longAttribute("http.response.status_code")),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, span.statusCode()));
    awaitSpansOfEarlierRequests();
    List<ReceivedSpan> trace = receiver.spansOfTrace(span.traceId());
    assertEquals(1, trace.size(), "Spring Boot's error page adds no span:" + OtlpReceiver.describe(trace));
  }

  @Test
  void anExceptionHandlersServerErrorIsAnErrorSpanWithTheRouteAndTheTraceIdHeader() throws Exception {
    String marker = newMarker();
    HttpResponse<String> response = app.send("/petclinic/owners/13/visits?req=" + marker, Map.of());
    assertEquals(500, response.statusCode());
    assertEquals("visits of owner 13 are unavailable", response.body());

    ReceivedSpan span = awaitServerSpan(marker);
    assertAll(
        () -> assertEquals("GET /petclinic/owners/{ownerId}/visits", span.name()),
        () -> assertEquals(500L, span.longAttribute("http.response.status_code")),
        () -> assertEquals(StatusCode.STATUS_CODE_ERROR, span.statusCode()),
        () -> assertEquals("500", span.stringAttribute("error.type")),
        () -> assertTrue(span.event("exception").isEmpty(), "the application handled the exception itself"),
        () -> assertEquals(Optional.of(span.traceId()), response.headers().firstValue(TRACE_ID_HEADER)));
  }

  private static String newMarker() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private ReceivedSpan awaitServerSpan(String marker) throws InterruptedException {
    List<ReceivedSpan> spans = receiver.awaitSpans(span -> String.valueOf(span.stringAttribute("url.query"))
        .endsWith("req=" + marker), 1, SPAN_TIMEOUT);
    assertEquals(1, spans.size(), "spans of one request:" + OtlpReceiver.describe(spans));
    return spans.get(0);
  }

  /** Sends a barrier request and waits for its span: every span of an earlier request has arrived by then. */
  private void awaitSpansOfEarlierRequests() throws InterruptedException {
    String barrier = newMarker();
    app.get("/petclinic/owners/1?req=" + barrier);
    awaitServerSpan(barrier);
  }
}
