package io.tracer.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpUrlConnectionInstrumentationTest {

  private static RecordingHttpServer server;

  @BeforeAll
  static void startServer() throws IOException {
    TestAgent.install();
    server = RecordingHttpServer.start();
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
  void responseCodeThenBodyIsOneClientSpanWhoseContextTheServerReceives() throws IOException {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    String body;
    try (Scope ignored = parent.makeCurrent()) {
      HttpURLConnection connection = open(server.url("/status/200?password=hunter2"));
      assertEquals(200, connection.getResponseCode());
      try (InputStream in = connection.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      connection.getContentType();
    } finally {
      parent.end();
    }

    assertEquals("status 200", body);
    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(server.url("/status/200?password=REDACTED"), attribute(span, "url.full"));
    assertEquals(server.address(), attribute(span, "server.address"));
    assertEquals((long) server.port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void aPostWrittenThroughTheOutputStreamIsOneSpanNamedPost() throws IOException {
    HttpURLConnection connection = open(server.url("/status/201"));
    connection.setDoOutput(true);
    try (OutputStream out = connection.getOutputStream()) {
      out.write("order".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(201, connection.getResponseCode());

    SpanData span = onlyClientSpan();
    assertEquals("POST", span.getName());
    assertEquals("POST", attribute(span, "http.request.method"));
    ReceivedRequest received = server.onlyRequest();
    assertEquals("POST", received.method());
    assertEquals(traceparent(span), received.header("traceparent"));
  }

  @Test
  void errorResponsesReachTheApplicationAsTheConnectionThrowsThemAndMarkTheSpan() throws IOException {
    assertThrows(FileNotFoundException.class, () -> open(server.url("/status/404")).getInputStream());
    HttpURLConnection failing = open(server.url("/status/500"));
    IOException serverError = assertThrows(IOException.class, failing::getInputStream);
    assertEquals(500, failing.getResponseCode());

    List<SpanData> spans = clientSpans();
    assertEquals(2, spans.size(), spans.toString());
    assertEquals("404", attribute(spans.get(0), "error.type"));
    assertEquals(StatusCode.ERROR, spans.get(1).getStatus().getStatusCode());
    assertEquals("500", attribute(spans.get(1), "error.type"));
    assertEquals(500L, spans.get(1).getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(serverError.getClass().getName(),
        spans.get(1).getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")));
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws IOException {
    HttpURLConnection connection = open("http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/");

    assertThrows(ConnectException.class, connection::getResponseCode);

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(ConnectException.class.getName(), attribute(span, "error.type"));
    assertNull(span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
  }

  @Test
  void aReadTimeoutReachesTheApplicationUnchangedAndMarksTheSpan() throws IOException {
    HttpURLConnection connection = open(server.url("/hang"));
    connection.setReadTimeout(200);

    assertThrows(SocketTimeoutException.class, connection::getInputStream);

    SpanData span = onlyClientSpan();
    assertEquals(SocketTimeoutException.class.getName(), attribute(span, "error.type"));
  }

  @Test
  void urlOpenStreamIsTracedThroughTheConnection() throws IOException {
    try (InputStream in = new URL(server.url("/status/200")).openStream()) {
      in.readAllBytes();
    }
    assertEquals(traceparent(onlyClientSpan()), server.onlyRequest().header("traceparent"));
  }

  @Test
  void listedHostsGetNoPropagationHeadersButStillASpan() throws IOException {
    assertEquals(200, open(server.localhostUrl("/status/200")).getResponseCode());

    assertEquals("localhost", attribute(onlyClientSpan(), "server.address"));
    assertNull(server.onlyRequest().header("traceparent"));
  }

  private static HttpURLConnection open(String url) throws IOException {
    return (HttpURLConnection) new URL(url).openConnection();
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
