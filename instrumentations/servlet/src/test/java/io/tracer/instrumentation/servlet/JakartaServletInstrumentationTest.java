package io.tracer.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet module in a real embedded Tomcat 10.1 (jakarta.servlet 6), installed as tracer.jar installs it. */
class JakartaServletInstrumentationTest {

  private static Tomcat tomcat;
  private static String base;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void startTomcat() throws Exception {
    TestAgent.install();
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("/shop", new File(".").getAbsolutePath());
    servlet(context, "/orders/*", (request, response) -> response.getWriter().write("order"));
    servlet(context, "/hello", (request, response) -> response.getWriter().write("hello"));
    servlet(context, "/fail", (request, response) -> {
      throw new IllegalStateException("boom");
    });
    servlet(context, "/unavailable", (request, response) -> response.sendError(503));
    servlet(context, "/missing", (request, response) -> response.setStatus(404));
    servlet(context, "/forward", (request, response) -> request.getRequestDispatcher("/hello").forward(request, response));
    servlet(context, "/", (request, response) -> response.getWriter().write("default"));
    Wrapper async = servlet(context, "/async", (request, response) -> {
      AsyncContext asyncContext = request.startAsync();
      CompletableFuture.runAsync(() -> {
        try {
          TimeUnit.MILLISECONDS.sleep(150);
          asyncContext.getResponse().getWriter().write("late");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        asyncContext.complete();
      });
    });
    async.setAsyncSupported(true);
    FilterDef passThrough = new FilterDef();
    passThrough.setFilterName("passThrough");
    passThrough.setFilter(new PassThroughFilter());
    context.addFilterDef(passThrough);
    FilterMap everything = new FilterMap();
    everything.setFilterName("passThrough");
    everything.addURLPattern("/*");
    context.addFilterMap(everything);
    Context root = tomcat.addContext("", new File(".").getAbsolutePath());
    servlet(root, "/health", (request, response) -> response.getWriter().write("ok"));
    servlet(root, "/internal/*", (request, response) -> response.getWriter().write("internal"));
    tomcat.start();
    base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop";
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void namesTheServerSpanAfterTheServletMappingWithItsContextPath() throws Exception {
    assertEquals(200, get("/orders/42?token=secret&page=1", null));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/orders/*", span.getName());
    assertEquals(SpanKind.SERVER, span.getKind());
    assertEquals("io.tracer.servlet", span.getInstrumentationScopeInfo().getName());
    assertEquals("/shop/orders/*", string(span, "http.route"));
    assertEquals("/shop/orders/42", string(span, "url.path"));
    assertEquals("token=REDACTED&page=1", string(span, "url.query"));
    assertEquals("http", string(span, "url.scheme"));
    assertEquals("127.0.0.1", string(span, "client.address"));
    assertEquals("1.1", string(span, "network.protocol.version"));
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals(tomcat.getConnector().getLocalPort(),
        span.getAttributes().get(AttributeKey.longKey("server.port")).intValue());
  }

  @Test
  void theDefaultServletGivesTheMethodAloneNeverTheRawPath() throws Exception {
    assertEquals(200, get("/products/123/reviews", null));
    SpanData span = onlyServerSpan();
    assertEquals("GET", span.getName());
    assertEquals("/shop/products/123/reviews", string(span, "url.path"));
  }

  @Test
  void continuesTheCallersTrace() throws Exception {
    get("/hello", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    SpanData span = onlyServerSpan();
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", span.getTraceId());
    assertEquals("00f067aa0ba902b7", span.getParentSpanId());
  }

  @Test
  void anExceptionIsRecordedAndTheSpanIsAnErrorWithStatus500() throws Exception {
    assertEquals(500, get("/fail", null));
    SpanData span = onlyServerSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(500L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("exception", span.getEvents().get(0).getName());
    assertEquals("boom", span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")));
  }

  @Test
  void a5xxIsAnErrorAndA4xxIsNot() throws Exception {
    assertEquals(503, get("/unavailable", null));
    assertEquals(StatusCode.ERROR, onlyServerSpan().getStatus().getStatusCode());
    TestAgent.reset();
    assertEquals(404, get("/missing", null));
    assertEquals(StatusCode.UNSET, onlyServerSpan().getStatus().getStatusCode());
  }

  @Test
  void aForwardThroughAFilterStaysOneSpan() throws Exception {
    assertEquals(200, get("/forward", null));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/forward", span.getName());
  }

  @Test
  void anAsyncRequestEndsWhenItCompletes() throws Exception {
    assertEquals(200, get("/async", null));
    SpanData span = onlyServerSpan();
    long durationMillis = TimeUnit.NANOSECONDS.toMillis(span.getEndEpochNanos() - span.getStartEpochNanos());
    assertTrue(durationMillis >= 150, "the span lasted " + durationMillis + " ms");
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
  }

  @Test
  void healthChecksAreNotTraced() throws Exception {
    assertEquals(200, get("/hello", null));
    onlyServerSpan();
    TestAgent.reset();
    String root = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(root + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("ok", health.body());
    HttpResponse<String> internal = client.send(HttpRequest.newBuilder(URI.create(root + "/internal/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("internal", internal.body());
    assertEquals(200, get("/hello", null));
    List<SpanData> spans = TestAgent.awaitSpans(span -> span.getKind() == SpanKind.SERVER, 2, Duration.ofSeconds(5));
    assertFalse(spans.stream().anyMatch(span -> "/health".equals(string(span, "url.path"))));
    assertTrue(spans.stream().anyMatch(span -> "/internal/x".equals(string(span, "url.path"))));
  }

  @Test
  void returnsTheTraceIdInTheConfiguredResponseHeaderAlsoOnErrorsAndAsyncRequests() throws Exception {
    for (String path : List.of("/hello", "/fail", "/async")) {
      TestAgent.reset();
      HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
          HttpResponse.BodyHandlers.discarding());
      assertEquals(Optional.of(onlyServerSpan().getTraceId()), response.headers().firstValue("trace-id"), path);
    }
  }

  @Test
  void noTraceIdHeaderWhereNoSpanStarts() throws Exception {
    String root = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    HttpResponse<Void> health = client.send(HttpRequest.newBuilder(URI.create(root + "/health")).build(),
        HttpResponse.BodyHandlers.discarding());
    assertEquals(200, health.statusCode());
    assertEquals(Optional.empty(), health.headers().firstValue("trace-id"));
  }

  private static int get(String path, String traceparent) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Exactly one SERVER span arrives; waits a little longer to be sure no second one follows. */
  private static SpanData onlyServerSpan() throws InterruptedException {
    List<SpanData> spans = TestAgent.awaitSpans(span -> span.getKind() == SpanKind.SERVER, 1, Duration.ofSeconds(5));
    TimeUnit.MILLISECONDS.sleep(50);
    assertEquals(1, TestAgent.spans().size(), "spans: " + TestAgent.spans());
    return spans.get(0);
  }

  private static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private static Wrapper servlet(Context context, String mapping, Handler handler) {
    String name = "servlet" + mapping;
    Wrapper wrapper = Tomcat.addServlet(context, name, new HttpServlet() {
      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response)
          throws ServletException, IOException {
        handler.handle(request, response);
      }
    });
    context.addServletMappingDecoded(mapping, name);
    return wrapper;
  }

  private interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException;
  }

  private static final class PassThroughFilter implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      chain.doFilter(request, response);
    }
  }
}
