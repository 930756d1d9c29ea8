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
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.conn.HttpHostConnectException;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.message.BasicHttpRequest;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheHttpClient4InstrumentationTest {

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
    assertTrue(jar.endsWith("/" + System.getProperty("expected.httpclient4.jar")), jar);
  }

  @Test
  void aRequestIsOneClientSpanUnderTheCallerWhoseContextTheServerReceives() throws IOException {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = parent.makeCurrent();
        CloseableHttpResponse response = client.execute(new HttpGet(server.url("/status/200?api_key=k&q=1")))) {
      assertEquals(200, response.getStatusLine().getStatusCode());
      assertEquals("status 200", EntityUtils.toString(response.getEntity()));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(server.url("/status/200?api_key=REDACTED&q=1"), attribute(span, "url.full"));
    assertEquals(server.address(), attribute(span, "server.address"));
    assertEquals((long) server.port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void aRequestLineRelativeToAHostGetsItsFullUrl() throws IOException {
    HttpHost host = new HttpHost(server.address(), server.port());
    try (CloseableHttpResponse response = client.execute(host, new BasicHttpRequest("GET", "/status/204"))) {
      assertEquals(204, response.getStatusLine().getStatusCode());
    }
    assertEquals(server.url("/status/204"), attribute(onlyClientSpan(), "url.full"));
  }

  @Test
  void aServerErrorIsAClientError() throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(server.url("/status/500")))) {
      assertEquals(500, response.getStatusLine().getStatusCode());
    }

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("500", attribute(span, "error.type"));
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws IOException {
    HttpGet request = new HttpGet("http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/");

    assertThrows(HttpHostConnectException.class, () -> client.execute(request));

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(HttpHostConnectException.class.getName(), attribute(span, "error.type"));
  }

  @Test
  void aTimeoutReachesTheApplicationUnchangedAndMarksTheSpan() {
    HttpGet request = new HttpGet(server.url("/hang"));
    request.setConfig(RequestConfig.custom().setSocketTimeout(200).build());

    assertThrows(SocketTimeoutException.class, () -> client.execute(request));

    assertEquals(SocketTimeoutException.class.getName(), attribute(onlyClientSpan(), "error.type"));
  }

  @Test
  void aFollowedRedirectStaysInTheSpanAndEveryHopCarriesItsHeaders() throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(server.url("/redirect")))) {
      assertEquals(200, response.getStatusLine().getStatusCode());
    }

    SpanData span = onlyClientSpan();
    List<ReceivedRequest> requests = server.requests();
    assertEquals(2, requests.size());
    assertEquals(traceparent(span), requests.get(0).header("traceparent"));
    assertEquals(traceparent(span), requests.get(1).header("traceparent"));
  }

  @Test
  void aClientDecoratingAnotherMakesOneSpan() throws IOException {
    try (CloseableHttpResponse response = new DecoratingClient(client).execute(new HttpGet(server.url("/status/200")))) {
      assertEquals(200, response.getStatusLine().getStatusCode());
    }

    assertEquals(traceparent(onlyClientSpan()), server.onlyRequest().header("traceparent"));
  }

  @Test
  void listedHostsGetNoPropagationHeadersButStillASpan() throws IOException {
    try (CloseableHttpResponse response = client.execute(new HttpGet(server.localhostUrl("/status/200")))) {
      assertEquals(200, response.getStatusLine().getStatusCode());
    }

    assertEquals("localhost", attribute(onlyClientSpan(), "server.address"));
    assertNull(server.onlyRequest().header("traceparent"));
  }

  /** A client that hands every request to another, as retrying or metrics wrappers do. */
  @SuppressWarnings("deprecation")
  private static final class DecoratingClient extends CloseableHttpClient {
    private final CloseableHttpClient inner;

    DecoratingClient(CloseableHttpClient inner) {
      this.inner = inner;
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
        throws IOException {
      return inner.execute(target, request, context);
    }

    @Override
    public void close() throws IOException {
      inner.close();
    }

    @Override
    public org.apache.http.params.HttpParams getParams() {
      return inner.getParams();
    }

    @Override
    public org.apache.http.conn.ClientConnectionManager getConnectionManager() {
      return inner.getConnectionManager();
    }
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
