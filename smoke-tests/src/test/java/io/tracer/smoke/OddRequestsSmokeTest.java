package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests no well-behaved client sends (a 64 KB URL, a 32 KB header, bytes that are not UTF-8 in the path, 10,000
 * query parameters, methods outside the standard set, a lower-case {@code get}) are answered by Tomcat exactly as
 * without the agent, each gets its SERVER span, a non-standard method is {@code _OTHER} with the method as sent
 * beside it, and no attribute is longer than the default limit of 1024 characters. The same application without
 * the agent answers each request first, so the comparison is with the real thing, not with a guess.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddRequestsSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final int ATTRIBUTE_VALUE_LENGTH_LIMIT = 1024;
  /** Room for the 10,000 parameters and the 64 KB URL in one request line. */
  private static final String MAX_HTTP_HEADER_SIZE = Integer.toString(256 * 1024);

  private final AtomicLong traceIds = new AtomicLong(0x1000);
  private OtlpReceiver receiver;
  private TracedApp traced;
  private TracedApp untraced;

  @BeforeAll
  void startApps() throws Exception {
    receiver = OtlpReceiver.start();
    traced = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName("odd-requests-smoke")
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("MAX_HTTP_HEADER_SIZE", MAX_HTTP_HEADER_SIZE)
        .start();
    untraced = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName() + "-without-agent")
        .withoutAgent()
        .env("MAX_HTTP_HEADER_SIZE", MAX_HTTP_HEADER_SIZE)
        .start();
  }

  @AfterAll
  void stopApps() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {traced, untraced, receiver}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "64 KB URL                | GET   | LONG_QUERY   | ",
      "32 KB header             | GET   | /hello       | LARGE_HEADER",
      "non-UTF-8 path bytes     | GET   | /orders/%ff%fe%c3%28%80 | ",
      "10,000 query parameters  | GET   | MANY_PARAMS  | ",
      "PURGE                    | PURGE | /hello       | ",
      "FOO                      | FOO   | /hello       | ",
      "lower-case get           | get   | /hello       | "})
  void answeredAsWithoutTheAgentWithABoundedServerSpan(String description, String method, String target,
      String header) throws Exception {
    String requestTarget = switch (target) {
      case "LONG_QUERY" -> "/hello?pad=" + "a".repeat(64 * 1024);
      case "MANY_PARAMS" -> "/hello?" + IntStream.range(0, 10_000).mapToObj(i -> "p" + i + "=" + i)
          .collect(Collectors.joining("&"));
      default -> target;
    };
    String extraHeader = header == null ? "" : "X-Large: " + "b".repeat(32 * 1024) + "\r\n";
    String traceId = String.format("%032x", traceIds.incrementAndGet());

    RawResponse withoutAgent = send(untraced, method, requestTarget, extraHeader, traceId);
    RawResponse withAgent = send(traced, method, requestTarget, extraHeader, traceId);

    assertEquals(withoutAgent, withAgent, "the answer without and with the agent");
    System.out.println("odd request, " + description + ": " + withAgent.status() + " with and without the agent");
    if (withoutAgent.status() == 400) {
      // Tomcat refused the request before any servlet or filter saw it: there is nothing to trace
      return;
    }
    ReceivedSpan server = receiver.awaitSpan(span -> span.traceId().equals(traceId)
        && span.kind() == Span.SpanKind.SPAN_KIND_SERVER, SPAN_TIMEOUT);
    boolean standard = method.equals("GET");
    assertEquals(standard ? "GET" : "_OTHER", server.stringAttribute("http.request.method"), server.toString());
    assertEquals(standard ? null : method, server.stringAttribute("http.request.method_original"));
    assertEquals(withAgent.status(), server.longAttribute("http.response.status_code"));
    for (KeyValue attribute : server.span().getAttributesList()) {
      String value = attribute.getValue().getStringValue();
      assertTrue(value.length() <= ATTRIBUTE_VALUE_LENGTH_LIMIT,
          attribute.getKey() + " has " + value.length() + " characters");
    }
    assertTrue(server.name().length() <= ATTRIBUTE_VALUE_LENGTH_LIMIT, server.name().length() + " in the name");
  }

  /** The status and body: the date and framing headers differ between two servers by nature. */
  private record RawResponse(int status, String body) {}

  /** Over a plain socket, since HTTP clients refuse to send some of these requests as they are. */
  private static RawResponse send(TracedApp app, String method, String target, String extraHeader, String traceId)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), app.port())) {
      socket.setSoTimeout((int) SPAN_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      String request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + "traceparent: 00-" + traceId + "-" + HexFormat.of().toHexDigits(1L) + "-01\r\n" + extraHeader + "\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = readAll(socket.getInputStream());
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      String headers = response.substring(0, bodyStart);
      String body = response.substring(bodyStart + 4);
      return new RawResponse(status, headers.toLowerCase().contains("transfer-encoding: chunked")
          ? dechunked(body) : body);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static String dechunked(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
