package io.tracer.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.tracer.testing.TestAgent;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApacheHttpAsyncClient5InstrumentationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RecordingHttpServer server;
  private static CloseableHttpAsyncClient client;

  @BeforeAll
  static void startServer() throws Exception {
    TestAgent.install();
    server = RecordingHttpServer.start();
    client = HttpAsyncClients.createDefault();
    client.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    client.close();
    server.close();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
    server.reset();
  }

  @Test
  void aCallEndsWhenItCompletesAndItsCallbackRunsInTheCallersContext() throws Exception {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    CompletableFuture<Span> callbackSpan = new CompletableFuture<>();
    SimpleHttpRequest request = new SimpleHttpRequest("GET", server.url("/status/200?password=p"));
    try (Scope ignored = parent.makeCurrent()) {
      client.execute(request, new FutureCallback<SimpleHttpResponse>() {
        @Override
        public void completed(SimpleHttpResponse response) {
          callbackSpan.complete(Span.current());
        }

        @Override
        public void failed(Exception e) {
          callbackSpan.completeExceptionally(e);
        }

        @Override
        public void cancelled() {
          callbackSpan.cancel(false);
        }
      });
    } finally {
      parent.end();
    }

    assertSame(parent, callbackSpan.get(10, TimeUnit.SECONDS));
    SpanData span = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 1, WAIT).get(0);
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(server.url("/status/200?password=REDACTED"), span.getAttributes().get(AttributeKey.stringKey("url.full")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex(),
        server.onlyRequest().header("traceparent"));
  }

  @Test
  void aServerErrorThroughTheFutureAloneIsAClientError() throws Exception {
    SimpleHttpResponse response = client.execute(new SimpleHttpRequest("GET", server.url("/status/500")), null)
        .get(10, TimeUnit.SECONDS);

    assertEquals(500, response.getCode());
    SpanData span = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 1, WAIT).get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("500", span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws Exception {
    SimpleHttpRequest request = new SimpleHttpRequest("GET", "http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/");

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> client.execute(request, null).get(10, TimeUnit.SECONDS));

    assertTrue(failure.getCause() instanceof ConnectException, failure.getCause().toString());
    SpanData span = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 1, WAIT).get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(failure.getCause().getClass().getName(), span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }
}
