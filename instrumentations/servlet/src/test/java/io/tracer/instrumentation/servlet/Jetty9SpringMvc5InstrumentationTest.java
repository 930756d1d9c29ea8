package io.tracer.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * Spring MVC 5 (javax) on Jetty 9.4, a Servlet 3.1 container here under the 4.0 API jar as Spring Boot 2 runs
 * it: the route is the controller's template, with the context path and a prefix mapping's servlet path before
 * it; exact mappings are told from the default servlet without the Servlet 4 mapping API.
 */
class Jetty9SpringMvc5InstrumentationTest {

  private static final HttpClient client = HttpClient.newHttpClient();
  private static Server jetty;
  private static String base;

  @BeforeAll
  static void startJetty() throws Exception {
    TestAgent.install();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/shop");
    context.addServlet(new ServletHolder(dispatcher()), "/");
    context.addServlet(new ServletHolder(dispatcher()), "/api/*");
    context.addServlet(new ServletHolder(new PlainServlet()), "/plain");
    context.addServlet(new ServletHolder(new PlainServlet()), "*.txt");
    jetty.setHandler(context);
    jetty.start();
    base = "http://127.0.0.1:" + connector.getLocalPort() + "/shop";
  }

  @AfterAll
  static void stopJetty() throws Exception {
    jetty.stop();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void namesTheSpanAfterTheControllersTemplateBehindTheDefaultMapping() throws Exception {
    assertEquals(200, get("/owners/42"));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/owners/{ownerId}", span.getName());
    assertEquals("/shop/owners/{ownerId}", string(span, "http.route"));
    assertEquals("/shop/owners/42", string(span, "url.path"));
  }

  @Test
  void putsThePrefixMappingsServletPathBeforeTheTemplate() throws Exception {
    assertEquals(200, get("/api/owners/7"));
    assertEquals("GET /shop/api/owners/{ownerId}", onlyServerSpan().getName());
  }

  @Test
  void aRequestNoControllerTakesIsNamedByTheMethodAlone() throws Exception {
    assertEquals(404, get("/no/such/owner"));
    SpanData span = onlyServerSpan();
    assertEquals("GET", span.getName());
    assertNull(string(span, "http.route"));
  }

  @Test
  void anExceptionHandlersServerErrorKeepsTheRouteAndMarksTheSpan() throws Exception {
    assertEquals(500, get("/owners/13/fail"));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/owners/{ownerId}/fail", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals(500L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
  }

  @Test
  void exactAndExtensionMappingsNameTheSpanWithoutTheServlet4MappingApi() throws Exception {
    assertEquals(200, get("/plain"));
    assertEquals("GET /shop/plain", onlyServerSpan().getName());
    TestAgent.reset();
    assertEquals(200, get("/notes/today.txt"));
    assertEquals("GET /shop*.txt", onlyServerSpan().getName());
  }

  private static DispatcherServlet dispatcher() {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(WebConfig.class);
    return new DispatcherServlet(spring);
  }

  private static int get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
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

  @Configuration
  @EnableWebMvc
  static class WebConfig {
    @Bean
    OwnersController ownersController() {
      return new OwnersController();
    }
  }

  @RestController
  static class OwnersController {
    @GetMapping("/owners/{ownerId}")
    String owner(@PathVariable("ownerId") String ownerId) {
      return "owner " + ownerId;
    }

    @GetMapping("/owners/{ownerId}/fail")
    String fail(@PathVariable("ownerId") String ownerId) {
      throw new IllegalStateException("no owner " + ownerId);
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<String> serverError(IllegalStateException e) {
      return ResponseEntity.status(500).body(e.getMessage());
    }
  }

  private static final class PlainServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.getWriter().write("plain");
    }
  }
}
