package io.tracer.smoke.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
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
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP trace and metrics receiver on loopback: gRPC ({@code TraceService/Export},
 * {@code MetricsService/Export}) and HTTP/protobuf ({@code POST /v1/traces}, {@code POST /v1/metrics}, gzip or not)
 * on ports of their own, all decoded with the official protobuf classes. It keeps every span and metric it
 * receives; tests wait for what they expect by polling, never by sleeping. A {@linkplain #streaming streaming}
 * receiver keeps no span: it hands each to the test as it arrives and only counts them, for runs of millions.
 */
public final class OtlpReceiver implements AutoCloseable {

  private static final String PROTOBUF_CONTENT_TYPE = "application/x-protobuf";

  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  /** Where spans go instead of {@link #spans}; {@code null} to keep them. */
  private final Consumer<? super ReceivedSpan> spanSink;
  private long spanCount;
  private final Server grpcServer;
  private final HttpServer httpServer;

  private OtlpReceiver(Consumer<? super ReceivedSpan> spanSink) throws IOException {
    this.spanSink = spanSink;
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    grpcServer = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, 0))
        .addService(new GrpcTraceService())
        .addService(new GrpcMetricsService())
        .build()
        .start();
    httpServer = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    httpServer.createContext("/v1/traces", exchange -> handleHttpExport(exchange, ExportTraceServiceRequest::parseFrom,
        request -> store(request, OtlpProtocol.HTTP_PROTOBUF), ExportTraceServiceResponse.getDefaultInstance()));
    httpServer.createContext("/v1/metrics", exchange -> handleHttpExport(exchange,
        ExportMetricsServiceRequest::parseFrom, request -> store(request, OtlpProtocol.HTTP_PROTOBUF),
        ExportMetricsServiceResponse.getDefaultInstance()));
    httpServer.start();
  }

  public static OtlpReceiver start() {
    return start(null);
  }

  /**
   * A receiver that keeps no span: each is handed to {@code spanSink} as it arrives, one at a time, in the order of
   * the exports, and is then dropped; {@link #spans} stays empty and {@link #spanCount} counts them. Metrics are
   * kept as by {@link #start()}: one export's worth per interval.
   */
  public static OtlpReceiver streaming(Consumer<? super ReceivedSpan> spanSink) {
    return start(spanSink);
  }

  private static OtlpReceiver start(Consumer<? super ReceivedSpan> spanSink) {
    try {
      return new OtlpReceiver(spanSink);
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

  /** How many spans arrived, kept or streamed. */
  public synchronized long spanCount() {
    return spanCount;
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

  public synchronized List<ReceivedMetric> metrics() {
    return List.copyOf(metrics);
  }

  /**
   * Waits until a received metric matches, and returns the latest that does (metrics are cumulative: the latest
   * export has every point so far).
   *
   * @throws AssertionError on time-out, listing the names of the metrics received so far
   */
  public synchronized ReceivedMetric awaitMetric(Predicate<? super ReceivedMetric> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = metrics.size() - 1; i >= 0; i--) {
        if (condition.test(metrics.get(i))) {
          return metrics.get(i);
        }
      }
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remainingMillis <= 0) {
        String received = metrics.stream().map(ReceivedMetric::toString).distinct()
            .collect(Collectors.joining("\n  ", "\n  ", ""));
        throw new AssertionError("no matching metric within " + timeout + "; received " + received);
      }
      wait(remainingMillis);
    }
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
          ReceivedSpan received = new ReceivedSpan(resourceSpans.getResource(), scopeSpans.getScope(), span, protocol);
          if (spanSink == null) {
            spans.add(received);
          } else {
            spanSink.accept(received);
          }
          spanCount++;
        }
      }
    }
    notifyAll();
  }

  private synchronized void store(ExportMetricsServiceRequest request, OtlpProtocol protocol) {
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scopeMetrics.getMetricsList()) {
          metrics.add(new ReceivedMetric(resourceMetrics.getResource(), scopeMetrics.getScope(), metric, protocol));
        }
      }
    }
    notifyAll();
  }

  private interface Parser<T> {
    T parse(InputStream body) throws IOException;
  }

  private interface Store<T> {
    void store(T request);
  }

  private static <T> void handleHttpExport(HttpExchange exchange, Parser<T> parser, Store<T> store,
      MessageLite emptyResponse) throws IOException {
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
      T request;
      try (InputStream body = decodedBody(exchange)) {
        request = parser.parse(body);
      } catch (InvalidProtocolBufferException unreadable) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      store.store(request);
      byte[] response = emptyResponse.toByteArray();
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

  private final class GrpcMetricsService extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(ExportMetricsServiceRequest request,
        StreamObserver<ExportMetricsServiceResponse> response) {
      store(request, OtlpProtocol.GRPC);
      response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
      response.onCompleted();
    }
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
