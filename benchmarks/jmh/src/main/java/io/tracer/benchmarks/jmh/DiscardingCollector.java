package io.tracer.benchmarks.jmh;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An OTLP/HTTP endpoint on loopback that reads every export and answers 200 without decoding it: the agent's
 * batch pipeline runs for real while the benchmark thread is measured, at the least cost to the machine.
 */
final class DiscardingCollector implements AutoCloseable {

  private final HttpServer server;

  private DiscardingCollector(HttpServer server) {
    this.server = server;
  }

  static DiscardingCollector start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
      server.createContext("/", DiscardingCollector::discard);
      server.start();
      return new DiscardingCollector(server);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the collector's port", e);
    }
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void discard(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      body.transferTo(OutputStream.nullOutputStream());
      exchange.sendResponseHeaders(200, -1);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
