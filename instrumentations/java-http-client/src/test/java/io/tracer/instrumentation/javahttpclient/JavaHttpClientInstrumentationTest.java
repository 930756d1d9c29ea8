package io.tracer.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.RecordingHttpServer.ReceivedRequest;
import io.tracer.testing.TestAgent;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JavaHttpClientInstrumentationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RecordingHttpServer server;
  private static HttpClient client;

  @BeforeAll
  static void startServer() throws Exception {
    TestAgent.install();
    server = RecordingHttpServer.start();
    client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
    server.reset();
  }

  @Test
  void aSyncSendIsOneClientSpanUnderTheCallerWhoseContextTheServerReceives() throws Exception {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    HttpResponse<String> response;
    try (Scope ignored = parent.makeCurrent()) {
      response = client.send(get("/status/200?token=secret&page=1"), HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }

    assertEquals(200, response.statusCode());
    assertEquals("status 200", response.body());
    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals("GET", attribute(span, "http.request.method"));
    assertEquals(server.url("/status/200?token=REDACTED&page=1"), attribute(span, "url.full"));
    assertEquals(server.address(), attribute(span, "server.address"));
    assertEquals((long) server.port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void anAsyncSendEndsWhenTheResponseArrivesAndItsStagesRunInTheCallersContext() throws Exception {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    CompletableFuture<Span> stageSpan;
    try (Scope ignored = parent.makeCurrent()) {
      stageSpan = client.sendAsync(get("/status/201"), HttpResponse.BodyHandlers.ofString())
          .thenApply(response -> Span.current());
    } finally {
      parent.end();
    }

    assertSame(parent, stageSpan.get());
    SpanData span = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 1, WAIT).get(0);
    assertEquals(1, clientSpans().size());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(201L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void aServerErrorIsAClientErrorAndTheResponseIsTheApplicationsAsItWas() throws Exception {
    HttpResponse<String> response = client.send(get("/status/500"), HttpResponse.BodyHandlers.ofString());

    assertEquals(500, response.statusCode());
    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("500", attribute(span, "error.type"));
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(
        "http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/")).build();

    assertThrows(ConnectException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
    ExecutionException async = assertThrows(ExecutionException.class,
        () -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get());
    assertTrue(async.getCause() instanceof ConnectException, async.getCause().toString());

    List<SpanData> spans = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 2, WAIT);
    for (SpanData span : spans) {
      assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
      assertEquals(ConnectException.class.getName(), attribute(span, "error.type"));
      assertNull(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    }
  }

  @Test
  void aTimeoutReachesTheApplicationUnchangedAndMarksTheSpan() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/hang")))
        .timeout(Duration.ofMillis(200)).build();

    assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(HttpTimeoutException.class.getName(), attribute(span, "error.type"));
  }

  @Test
  void aFollowedRedirectStaysInTheSpanAndCarriesTheHeaders() throws Exception {
    HttpResponse<String> response = client.send(get("/redirect"), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    SpanData span = onlyClientSpan();
    List<ReceivedRequest> requests = server.requests();
    assertEquals(2, requests.size());
    assertEquals(traceparent(span), requests.get(0).header("traceparent"));
    assertEquals(traceparent(span), requests.get(1).header("traceparent"));
  }

  @Test
  void listedHostsGetNoPropagationHeadersButStillASpan() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.localhostUrl("/status/200"))).build();
    client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals("localhost", attribute(onlyClientSpan(), "server.address"));
    assertNull(server.onlyRequest().header("traceparent"));
  }

  @Test
  void theRequestKeepsItsMethodBodyAndHeaders() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/status/200")))
        .header("X-Order", "42").POST(HttpRequest.BodyPublishers.ofString("body")).build();
    client.send(request, HttpResponse.BodyHandlers.ofString());

    ReceivedRequest received = server.onlyRequest();
    assertEquals("POST", received.method());
    assertEquals("42", received.header("x-order"));
    assertEquals("4", received.header("content-length"));
    assertEquals("POST", onlyClientSpan().getName());
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(server.url(path))).build();
  }

  private static List<SpanData> clientSpans() {
    return TestAgent.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
  }

  private static SpanData onlyClientSpan() {
    List<SpanData> spans = clientSpans();
    assertEquals(1, spans.size(), "client spans: " + spans);
    return spans.get(0);
  }

  private static String traceparent(SpanData span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
