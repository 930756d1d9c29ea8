package io.tracer.instrumentation.okhttp;

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
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OkHttpInstrumentationTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static RecordingHttpServer server;
  private static OkHttpClient client;

  @BeforeAll
  static void startServer() throws IOException {
    TestAgent.install();
    server = RecordingHttpServer.start();
    client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
  }

  @AfterAll
  static void stopServer() {
    client.dispatcher().executorService().shutdown();
    server.close();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
    server.reset();
  }

  @Test
  void runsTheVersionThisExecutionIsFor() {
    String jar = OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.endsWith("/" + System.getProperty("expected.okhttp.jar")), jar);
  }

  @Test
  void aSyncCallIsOneClientSpanUnderTheCallerWhoseContextTheServerReceives() throws IOException {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    try (Scope ignored = parent.makeCurrent(); Response response = client.newCall(get("/status/200?sig=abc")).execute()) {
      assertEquals(200, response.code());
      assertEquals("status 200", response.body().string());
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(server.url("/status/200?sig=REDACTED"), attribute(span, "url.full"));
    assertEquals(server.address(), attribute(span, "server.address"));
    assertEquals((long) server.port(), span.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void anEnqueuedCallHasTheCallerAsParentAndItsCallbackRunsInTheCallersContext() throws Exception {
    Span parent = AgentServices.tracer("test").spanBuilder("caller").startSpan();
    CompletableFuture<Span> callbackSpan = new CompletableFuture<>();
    try (Scope ignored = parent.makeCurrent()) {
      client.newCall(get("/status/202")).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          callbackSpan.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          response.close();
          callbackSpan.complete(Span.current());
        }
      });
    } finally {
      parent.end();
    }

    assertSame(parent, callbackSpan.get(10, TimeUnit.SECONDS));
    SpanData span = TestAgent.awaitSpans(s -> s.getKind() == SpanKind.CLIENT, 1, WAIT).get(0);
    assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(202L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(traceparent(span), server.onlyRequest().header("traceparent"));
  }

  @Test
  void aServerErrorIsAClientError() throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(server.url("/status/503"))
        .post(RequestBody.create(MediaType.parse("text/plain"), "order")).build()).execute()) {
      assertEquals(503, response.code());
    }

    SpanData span = onlyClientSpan();
    assertEquals("POST", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("503", attribute(span, "error.type"));
  }

  @Test
  void aRefusedConnectionReachesTheApplicationUnchangedAndMarksTheSpan() throws IOException {
    Request request = new Request.Builder()
        .url("http://" + server.address() + ":" + RecordingHttpServer.closedPort() + "/").build();

    assertThrows(ConnectException.class, () -> client.newCall(request).execute());

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(ConnectException.class.getName(), attribute(span, "error.type"));
  }

  @Test
  void aTimeoutReachesTheApplicationUnchangedAndMarksTheSpan() {
    OkHttpClient impatient = client.newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).build();

    InterruptedIOException timeout =
        assertThrows(InterruptedIOException.class, () -> impatient.newCall(get("/hang")).execute());

    SpanData span = onlyClientSpan();
    assertEquals(timeout.getClass().getName(), attribute(span, "error.type"));
  }

  @Test
  void aDerivedClientAndAFollowedRedirectStillMakeOneSpanWhoseHeadersEveryHopCarries() throws IOException {
    OkHttpClient derived = client.newBuilder().build();
    try (Response response = derived.newCall(get("/redirect")).execute()) {
      assertEquals(200, response.code());
    }

    SpanData span = onlyClientSpan();
    List<ReceivedRequest> requests = server.requests();
    assertEquals(2, requests.size());
    assertEquals(traceparent(span), requests.get(0).header("traceparent"));
    assertEquals(traceparent(span), requests.get(1).header("traceparent"));
  }

  @Test
  void listedHostsGetNoPropagationHeadersButStillASpan() throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(server.localhostUrl("/status/200")).build())
        .execute()) {
      assertEquals(200, response.code());
    }

    assertEquals("localhost", attribute(onlyClientSpan(), "server.address"));
    assertNull(server.onlyRequest().header("traceparent"));
  }

  private static Request get(String path) {
    return new Request.Builder().url(server.url(path)).build();
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
