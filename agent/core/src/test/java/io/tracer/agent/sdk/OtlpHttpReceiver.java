package io.tracer.agent.sdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in OTLP/HTTP collector on a free local port: answers every export with the status the test chose,
 * optionally holding the answer until released, and remembers what it was sent (path, headers), not the spans.
 */
final class OtlpHttpReceiver implements AutoCloseable {

  record Request(String path, String apiKey, String contentType) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private volatile CountDownLatch held = new CountDownLatch(0);
  private final CountDownLatch firstRequest = new CountDownLatch(1);

  OtlpHttpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    // decided on arrival, so that a test switching the status after seeing this request does not change its answer
    int answer = status.get();
    requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("api-key"),
        exchange.getRequestHeaders().getFirst("Content-Type")));
    firstRequest.countDown();
    try {
      held.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void respondWith(int httpStatus) {
    status.set(httpStatus);
  }

  /** Answers nothing until {@link #release()}. */
  void hold() {
    held = new CountDownLatch(1);
  }

  void release() {
    held.countDown();
  }

  void awaitFirstRequest() throws InterruptedException {
    if (!firstRequest.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no export arrived at " + baseUrl());
    }
  }

  List<Request> requests() {
    return requests;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
