package io.tracer.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.TestAgent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/** Spring's RestClient on the JDK HttpClient: one span per exchange, Spring's own errors unchanged. */
class SpringRestClientTest {

  private static RecordingHttpServer server;
  private final RestClient restClient =
      RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(HttpClient.newHttpClient())).build();

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
    assertEquals("status 200", restClient.get().uri(server.url("/status/200")).retrieve().body(String.class));

    SpanData span = onlyClientSpan();
    assertEquals("GET", span.getName());
    assertEquals("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex(),
        server.onlyRequest().header("traceparent"));
  }

  @Test
  void aServerErrorReachesTheApplicationAsSpringReportsIt() {
    assertThrows(HttpServerErrorException.InternalServerError.class,
        () -> restClient.get().uri(server.url("/status/500")).retrieve().body(String.class));

    SpanData span = onlyClientSpan();
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("500", span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  private static SpanData onlyClientSpan() {
    List<SpanData> spans = TestAgent.spans().stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertEquals(1, spans.size(), "client spans: " + spans);
    return spans.get(0);
  }
}
