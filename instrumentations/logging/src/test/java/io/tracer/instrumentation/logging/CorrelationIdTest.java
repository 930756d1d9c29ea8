package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.TestAgent;
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
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A request's {@code X-Correlation-ID} through a real Tomcat with the servlet module: kept as baggage, on the
 * SERVER span and the CLIENT span of the call the handler makes, in the handler's log MDC, and sent on with that
 * call in the {@code baggage} header (the default propagators are {@code tracecontext,baggage}).
 */
class CorrelationIdTest {

  private static final AttributeKey<String> CORRELATION_ID = AttributeKey.stringKey("correlation.id");
  private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  private static final ListAppender<ILoggingEvent> CAPTURED = new ListAppender<>();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static RecordingHttpServer downstream;
  private static Tomcat tomcat;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    TestAgent.install();
    Logger logger = (Logger) LoggerFactory.getLogger("correlation-test");
    logger.setAdditive(false);
    CAPTURED.setContext(logger.getLoggerContext());
    CAPTURED.start();
    logger.addAppender(CAPTURED);
    downstream = RecordingHttpServer.start();
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", new File(".").getAbsolutePath());
    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        logger.info("calling stock");
        try {
          CLIENT.send(HttpRequest.newBuilder(URI.create(downstream.url("/stock"))).build(),
              HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        response.setStatus(200);
      }
    });
    context.addServletMappingDecoded("/orders", "orders");
    tomcat.start();
    base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    downstream.close();
  }

  @BeforeEach
  void clear() {
    CAPTURED.list.clear();
    downstream.reset();
    TestAgent.reset();
  }

  @Test
  void theIncomingCorrelationIdReachesSpansLogsAndTheOutgoingCall() throws Exception {
    get(HttpRequest.newBuilder(URI.create(base + "/orders")).header("X-Correlation-ID", "order-7"));

    SpanData server = span(SpanKind.SERVER);
    SpanData client = span(SpanKind.CLIENT);
    assertEquals("order-7", server.getAttributes().get(CORRELATION_ID));
    assertEquals("order-7", client.getAttributes().get(CORRELATION_ID));
    Map<String, String> mdc = onlyLogEvent().getMDCPropertyMap();
    assertEquals("order-7", mdc.get("correlation_id"));
    assertEquals(server.getTraceId(), mdc.get("trace_id"));
    assertEquals(server.getSpanId(), mdc.get("span_id"));
    assertEquals("correlation_id=order-7", downstream.onlyRequest().header("baggage"));
  }

  @Test
  void withoutTheHeaderNothingIsMadeUpByDefault() throws Exception {
    get(HttpRequest.newBuilder(URI.create(base + "/orders")));

    assertNull(span(SpanKind.SERVER).getAttributes().get(CORRELATION_ID));
    assertNull(span(SpanKind.CLIENT).getAttributes().get(CORRELATION_ID));
    assertFalse(onlyLogEvent().getMDCPropertyMap().containsKey("correlation_id"));
    assertNull(downstream.onlyRequest().header("baggage"));
  }

  private static void get(HttpRequest.Builder request) throws Exception {
    assertEquals(200, CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  /** The server's span, or the client span of its call downstream (not the test's own call to the server). */
  private static SpanData span(SpanKind kind) {
    return TestAgent.awaitSpans(span -> span.getKind() == kind && (kind == SpanKind.SERVER
        || span.getAttributes().get(URL_FULL).equals(downstream.url("/stock"))), 1, Duration.ofSeconds(5)).get(0);
  }

  private static ILoggingEvent onlyLogEvent() {
    assertEquals(1, CAPTURED.list.size(), CAPTURED.list.toString());
    return CAPTURED.list.get(0);
  }
}
