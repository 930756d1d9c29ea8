package io.tracer.smoke.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP trace receiver on loopback: gRPC ({@code TraceService/Export}) and HTTP/protobuf
 * ({@code POST /v1/traces}, gzip or not) on ports of their own, both decoded with the official protobuf classes.
 * It keeps every span it receives; tests wait for the spans they expect by polling, never by sleeping.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final String PROTOBUF_CONTENT_TYPE = "application/x-protobuf";

  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final Server grpcServer;
  private final HttpServer httpServer;

  private OtlpReceiver() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0))
        .addService(new GrpcTraceService())
        .build()
        .start();
    httpServer = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    httpServer.createContext("/v1/traces", this::handleHttpExport);
    httpServer.start();
  }

  public static OtlpReceiver start() {
    try {
      return new OtlpReceiver();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the OTLP receiver", e);
    }
  }

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT} that reaches this receiver over {@code protocol}. */
  public String endpoint(OtlpProtocol protocol) {
    int port = protocol == OtlpProtocol.GRPC ? grpcServer.getPort() : httpServer.getAddress().getPort();
    return "http://127.0.0.1:" + port;
  }

  public synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  public List<ReceivedSpan> spansOfTrace(String traceId) {
    return matching(span -> span.traceId().equals(traceId));
  }

  public synchronized List<ReceivedSpan> matching(Predicate<? super ReceivedSpan> condition) {
    return spans.stream().filter(condition).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Waits until at least {@code minCount} received spans match, and returns all that match then.
   *
   * @throws AssertionError on time-out, listing every span received so far
   */
  public synchronized List<ReceivedSpan> awaitSpans(
      Predicate<? super ReceivedSpan> condition, int minCount, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ReceivedSpan> found = matching(condition);
    while (found.size() < minCount) {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        throw new AssertionError("expected at least " + minCount + " matching span(s) within " + timeout
            + " but " + found.size() + " matched; received " + spans.size() + ":" + describe(spans));
      }
      wait(remainingMillis);
      found = matching(condition);
    }
    return found;
  }

  public ReceivedSpan awaitSpan(Predicate<? super ReceivedSpan> condition, Duration timeout)
      throws InterruptedException {
    return awaitSpans(condition, 1, timeout).get(0);
  }

  public ReceivedSpan awaitSpanNamed(String name, Duration timeout) throws InterruptedException {
    return awaitSpan(span -> span.name().equals(name), timeout);
  }

  @Override
  public void close() {
    httpServer.stop(0);
    grpcServer.shutdownNow();
    try {
      grpcServer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static String describe(List<ReceivedSpan> spans) {
    return spans.stream().map(span -> "\n  " + span).collect(Collectors.joining());
  }

  private synchronized void store(ExportTraceServiceRequest request, OtlpProtocol protocol) {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          spans.add(new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope(), span, protocol));
        }
      }
    }
    notifyAll();
  }

  private void handleHttpExport(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null || !contentType.startsWith(PROTOBUF_CONTENT_TYPE)) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = decodedBody(exchange)) {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException unreadable) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      store(request, OtlpProtocol.HTTP_PROTOBUF);
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", PROTOBUF_CONTENT_TYPE);
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private static InputStream decodedBody(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream body = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
  }

  private final class GrpcTraceService extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
      store(request, OtlpProtocol.GRPC);
      response.onNext(ExportTraceServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
  }
}
