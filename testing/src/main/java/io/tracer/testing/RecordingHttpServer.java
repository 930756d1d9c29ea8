package io.tracer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on the loopback interface for client instrumentation tests, recording every request it
 * receives with its headers. {@code /status/<code>} answers with that code, {@code /redirect} sends a 302 to
 * {@code /status/200}, {@code /hang} answers only when the server closes (for client timeouts) and is not recorded.
 */
public final class RecordingHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

  private RecordingHttpServer(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Listens on {@code localhost}, the name a test can exclude from propagation while calling the same server by address. */
  public static RecordingHttpServer start() throws IOException {
    return new RecordingHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName("localhost"), 0), 50));
  }

  /** {@code http://<address>:<port><path>}, the server's numeric address. */
  public String url(String path) {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
  }

  /** {@code http://localhost:<port><path>}. */
  public String localhostUrl(String path) {
    return "http://localhost:" + port() + path;
  }

  public String address() {
    return server.getAddress().getAddress().getHostAddress();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** A port on the same interface where nothing listens: connecting to it is refused. */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
      return socket.getLocalPort();
    }
  }

  public List<ReceivedRequest> requests() {
    return new ArrayList<>(received);
  }

  /** The only request received so far; fails when there are none or several. */
  public ReceivedRequest onlyRequest() {
    List<ReceivedRequest> requests = requests();
    if (requests.size() != 1) {
      throw new AssertionError("expected one request, received " + requests);
    }
    return requests.get(0);
  }

  public void reset() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/hang")) {
      // a timed-out client's request may reach this handler only after the next test has reset the server
      received.add(new ReceivedRequest(exchange.getRequestMethod(), path, headers));
    }
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    if (path.equals("/hang")) {
      try {
        closing.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200);
    } else if (path.equals("/redirect")) {
      exchange.getResponseHeaders().set("Location", "/status/200");
      respond(exchange, 302);
    } else if (path.startsWith("/status/")) {
      respond(exchange, Integer.parseInt(path.substring("/status/".length())));
    } else {
      respond(exchange, 404);
    }
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** One request as the server saw it; header names lower-case. */
  public static final class ReceivedRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers;

    ReceivedRequest(String method, String path, Map<String, String> headers) {
      this.method = method;
      this.path = path;
      this.headers = headers;
    }

    public String method() {
      return method;
    }

    public String path() {
      return path;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return method + " " + path + " " + headers;
    }
  }
}
