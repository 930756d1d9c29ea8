package io.tracer.agent.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/** A stand-in collector on a free loopback port: keeps every request's body (un-gzipped), answers a chosen status. */
final class HttpBodyReceiver implements AutoCloseable {

  record Request(String method, String path, String contentType, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(202);

  HttpBodyReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
    }
    int answer = status.get();
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestHeaders().getFirst("Content-Type"), body));
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void respondWith(int httpStatus) {
    status.set(httpStatus);
  }

  List<Request> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
