package io.tracer.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.TestAgent;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

/** Spring's RestTemplate with its default request factory runs on HttpURLConnection: one span per exchange. */
class RestTemplateTest {

  private static RecordingHttpServer server;
  private final RestTemplate restTemplate = new RestTemplate();

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
  void anExchangeIsOneClientSpanWhoseContextTheServerReceives() {
    assertEquals("status 200", restTemplate.getForObject(server.url("/status/200"), String.class));

    SpanData span = onlyClientSpan();
    assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex(),
        server.onlyRequest().header("traceparent"));
  }

  @Test
  void aNotFoundReachesTheApplicationAsSpringReportsItAndIsOneErrorSpan() {
    assertThrows(HttpClientErrorException.NotFound.class,
        () -> restTemplate.getForObject(server.url("/status/404"), String.class));

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("404", span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  private static SpanData onlyClientSpan() {
    List<SpanData> spans = TestAgent.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertEquals(1, spans.size(), "client spans: " + spans);
    return spans.get(0);
  }
}
