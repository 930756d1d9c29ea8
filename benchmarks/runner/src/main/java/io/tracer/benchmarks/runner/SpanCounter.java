package io.tracer.benchmarks.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP protobuf trace receiver on loopback that decodes every export (so that exporting is real work for
 * the agent) and counts the spans by kind and name. Other OTLP signals are accepted and dropped.
 */
final class SpanCounter implements AutoCloseable {

  private static final String PROTOBUF = "application/x-protobuf";

  private final HttpServer server;
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final Map<String, Long> spansByKindAndName = new TreeMap<>();
  private final LongAdder exports = new LongAdder();

  SpanCounter() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    server.createContext("/v1/traces", this::receiveTraces);
    server.createContext("/", this::acceptAndDrop);
    server.setExecutor(workers);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long exports() {
    return exports.sum();
  }

  /** Counts per {@code KIND name}, sorted; then starts again from zero for the next JVM. */
  synchronized Map<String, Long> drainCounts() {
    Map<String, Long> counts = new TreeMap<>(spansByKindAndName);
    spansByKindAndName.clear();
    exports.reset();
    return counts;
  }

  private void receiveTraces(HttpExchange exchange) throws IOException {
    try (exchange) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (!"POST".equals(exchange.getRequestMethod()) || contentType == null || !contentType.startsWith(PROTOBUF)) {
        exchange.sendResponseHeaders(415, -1);
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = body(exchange)) {
        request = ExportTraceServiceRequest.parseFrom(body);
      } catch (IOException unreadable) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      count(request);
      byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
      exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  private synchronized void count(ExportTraceServiceRequest request) {
    exports.increment();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          String kind = span.getKind().name().replace("SPAN_KIND_", "");
          spansByKindAndName.merge(kind + " " + span.getName(), 1L, Long::sum);
        }
      }
    }
  }

  private void acceptAndDrop(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.transferTo(OutputStream.nullOutputStream());
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static InputStream body(HttpExchange exchange) throws IOException {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    InputStream body = exchange.getRequestBody();
    return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
