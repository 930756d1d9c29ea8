package io.tracer.instrumentation.undertow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undertow 2.3 with the servlet module and this one installed, the trace id response header configured
 * ({@code trace-id}, in this module's pom): the header survives the resets of Undertow's error handling.
 */
class UndertowInstrumentationTest {

  private static final HttpClient client = HttpClient.newHttpClient();
  private static Undertow undertow;
  private static String base;

  @BeforeAll
  static void startUndertow() throws Exception {
    TestAgent.install();
    DeploymentInfo deployment = Servlets.deployment()
        .setClassLoader(UndertowInstrumentationTest.class.getClassLoader())
        .setContextPath("/shop")
        .setDeploymentName("undertow-test")
        .addServlet(servlet("hello", new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write("hello");
          }
        }).addMapping("/hello"))
        .addServlet(servlet("fail", new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("boom");
          }
        }).addMapping("/fail"))
        .addServlet(servlet("reset", new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setHeader("X-Draft", "discarded");
            response.reset();
            response.getWriter().write("rewritten");
          }
        }).addMapping("/reset"));
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
    manager.deploy();
    undertow = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(Handlers.path().addPrefixPath("/shop", manager.start()))
        .build();
    undertow.start();
    InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    base = "http://127.0.0.1:" + address.getPort() + "/shop";
  }

  @AfterAll
  static void stopUndertow() {
    undertow.stop();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void theTraceIdHeaderIsSetWhenTheSpanStarts() throws Exception {
    HttpResponse<String> response = get("/hello");
    assertEquals("hello", response.body());
    assertEquals(Optional.of(onlyServerSpan().getTraceId()), response.headers().firstValue("trace-id"));
  }

  @Test
  void theTraceIdHeaderSurvivesUndertowsErrorResponseForAnEscapingException() throws Exception {
    HttpResponse<String> response = get("/fail");
    assertEquals(500, response.statusCode());
    SpanData span = onlyServerSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(Optional.of(span.getTraceId()), response.headers().firstValue("trace-id"));
  }

  @Test
  void theTraceIdHeaderSurvivesTheApplicationsResetWhileItsOwnHeadersDoNot() throws Exception {
    HttpResponse<String> response = get("/reset");
    assertEquals("rewritten", response.body());
    assertEquals(Optional.of(onlyServerSpan().getTraceId()), response.headers().firstValue("trace-id"));
    assertEquals(Optional.empty(), response.headers().firstValue("X-Draft"));
  }

  private static ServletInfo servlet(String name, HttpServlet servlet) {
    return Servlets.servlet(name, servlet.getClass(), new ImmediateInstanceFactory<>(servlet));
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Exactly one SERVER span arrives; waits a little longer to be sure no second one follows. */
  private static SpanData onlyServerSpan() throws InterruptedException {
    List<SpanData> spans = TestAgent.awaitSpans(span -> span.getKind() == SpanKind.SERVER, 1, Duration.ofSeconds(5));
    TimeUnit.MILLISECONDS.sleep(50);
    assertEquals(1, TestAgent.spans().size(), "spans: " + TestAgent.spans());
    return spans.get(0);
  }
}
