package io.tracer.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheHttpClient5InstrumentationTest {

  private static RecordingHttpServer server;
  private static CloseableHttpClient client;

  @BeforeAll
  static void startServer() throws IOException {
    TestAgent.install();
    server = RecordingHttpServer.start();
    client = HttpClients.createDefault();
  }

  @AfterAll
  static void stopServer() throws IOException {
    client.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
    server.reset();
  }

  @Test
  void runsTheVersionThisExecutionIsFor() {
    String jar = CloseableHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.endsWith("/" + System.getProperty("expected.httpclient5.jar")), jar);
  }

  @Test
  void aRequestIsOneClientSpanUnderTheCallerWhoseContextTheServerReceives() throws Exception {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = parent.makeCurrent();
        CloseableHttpResponse response = client.execute(new HttpGet(server.url("/status/200?token=t&q=1")))) {
      assertEquals(200, response.getCode());
      assertEquals("status 200", EntityUtils.toString(response.getEntity()));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(server.url("/status/200?token=REDACTED&q=1"), attribute(span, "url.full"));
    assertEquals(server.address(), attribute(span, "server.address"));
    assertEquals((long) server.port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void aServerErrorIsAClientErrorAndAResponseHandlerCallIsOneSpan() throws IOException {
    HttpPost post = new HttpPost(server.url("/status/502"));
    post.setEntity(new StringEntity("order", ContentType.TEXT_PLAIN));
    Integer status = client.execute(post, response -> response.getCode());

    assertEquals(502, status);
    SpanData span = onlyClientSpan();
    assertEquals("POST", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("502", attribute(span, "error.type"));
    assertEquals("POST", server.onlyRequest().method());
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws IOException {
    HttpGet request = new HttpGet("http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/");

    IOException refused = assertThrows(IOException.class, () -> client.execute(request));

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(refused.getClass().getName(), attribute(span, "error.type"));
  }

  @Test
  void aTimeoutReachesTheApplicationUnchangedAndMarksTheSpan() {
    HttpGet request = new HttpGet(server.url("/hang"));
    request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(200, TimeUnit.MILLISECONDS)).build());

    assertThrows(SocketTimeoutException.class, () -> client.execute(request));

    assertEquals(SocketTimeoutException.class.getName(), attribute(onlyClientSpan(), "error.type"));
  }

  @Test
  void aFollowedRedirectStaysInTheSpanAndEveryHopCarriesItsHeaders() throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(server.url("/redirect")))) {
      assertEquals(200, response.getCode());
    }

    SpanData span = onlyClientSpan();
    List<ReceivedRequest> requests = server.requests();
    assertEquals(2, requests.size());
    assertEquals(traceparent(span), requests.get(0).header("traceparent"));
    assertEquals(traceparent(span), requests.get(1).header("traceparent"));
  }

  @Test
  void listedHostsGetNoPropagationHeadersButStillASpan() throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(server.localhostUrl("/status/200")))) {
      assertEquals(200, response.getCode());
    }

    assertEquals("localhost", attribute(onlyClientSpan(), "server.address"));
    assertNull(server.onlyRequest().header("traceparent"));
  }

  private static SpanData onlyClientSpan() {
    List<SpanData> spans = TestAgent.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
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
