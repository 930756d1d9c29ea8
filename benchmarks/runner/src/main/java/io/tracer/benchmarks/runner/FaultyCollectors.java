package io.tracer.benchmarks.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Collectors that fail, for the fault configurations: a closed port ({@code down}), a port that accepts and never
 * answers ({@code blackhole}), one that answers after {@link #SLOW_SECONDS} ({@code slow}), one that answers 503
 * ({@code unavailable}) and one that answers 200 with bytes that are no OTLP response ({@code garbage}).
 */
final class FaultyCollectors implements AutoCloseable {

  static final List<String> FAULTS = List.of("down", "blackhole", "slow", "unavailable", "garbage");
  static final int SLOW_SECONDS = 5;

  private final int closedPort;
  private final ServerSocket blackhole;
  private final List<Socket> heldOpen = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private final HttpServer server;
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "faulty-collector");
    thread.setDaemon(true);
    return thread;
  });

  FaultyCollectors() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket probe = new ServerSocket(0, 1, loopback)) {
      closedPort = probe.getLocalPort();
    }
    blackhole = new ServerSocket(0, 1024, loopback);
    acceptor = new Thread(this::holdEveryConnection, "blackhole-collector");
    acceptor.setDaemon(true);
    acceptor.start();
    server = HttpServer.create(new InetSocketAddress(loopback, 0), 256);
    server.createContext("/slow/", exchange -> answer(exchange, 200, new byte[0], SLOW_SECONDS));
    server.createContext("/unavailable/", exchange -> answer(exchange, 503, new byte[0], 0));
    server.createContext("/garbage/", exchange -> answer(exchange, 200, "<html>no OTLP here</html>".getBytes(), 0));
    server.setExecutor(workers);
    server.start();
  }

  /** The OTLP endpoint (base URL) of {@code fault}. */
  String endpoint(String fault) {
    switch (fault) {
      case "down":
        return "http://127.0.0.1:" + closedPort;
      case "blackhole":
        return "http://127.0.0.1:" + blackhole.getLocalPort();
      default:
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + fault;
    }
  }

  private void holdEveryConnection() {
    while (!blackhole.isClosed()) {
      try {
        heldOpen.add(blackhole.accept());
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body, int delaySeconds) throws IOException {
    try (exchange; InputStream request = exchange.getRequestBody()) {
      request.transferTo(OutputStream.nullOutputStream());
      if (delaySeconds > 0) {
        try {
          TimeUnit.SECONDS.sleep(delaySeconds);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  static Map<String, String> descriptions() {
    return Map.of("down", "collector port closed", "blackhole", "collector accepts, never answers",
        "slow", "collector answers after " + SLOW_SECONDS + " s", "unavailable", "collector answers 503",
        "garbage", "collector answers 200 with an HTML body");
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    workers.shutdownNow();
    blackhole.close();
    for (Socket socket : heldOpen) {
      socket.close();
    }
  }
}
