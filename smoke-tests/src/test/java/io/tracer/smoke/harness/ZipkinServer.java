package io.tracer.smoke.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;

/**
 * A real Zipkin server (the executable jar from Maven Central, which the module's build copies to
 * {@code zipkin.server.jar}) in its own JVM, with in-memory storage, on a free loopback port. Starting waits for
 * its health check to answer UP; traces are read back through its query API, decoded with Zipkin's own v2 JSON
 * decoder.
 */
public final class ZipkinServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final Process process;
  private final ProcessOutput output;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

  private ZipkinServer(Process process, ProcessOutput output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  /** Starts the server and waits until it is healthy; fails with its output if it dies or does not come up. */
  public static ZipkinServer start(String label) throws IOException, InterruptedException {
    Path jar = serverJar();
    int port = freeLoopbackPort();
    Path runDirectory = Files.createDirectories(SmokeEnvironment.logsDir().resolve(label));
    // Zipkin 3 needs Java 17: the JVM running the tests, whatever JVM the traced applications run on
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString(),
        "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].port=" + port,
        "--armeria.ports[0].protocols[0]=http");
    ProcessBuilder builder = new ProcessBuilder(command).directory(runDirectory.toFile()).redirectErrorStream(true);
    builder.environment().put("STORAGE_TYPE", "mem");
    builder.environment().put("QUERY_PORT", Integer.toString(port));
    builder.environment().put("SELF_TRACING_ENABLED", "false");
    Files.writeString(runDirectory.resolve("command.txt"), String.join(" ", command) + "\n");
    Process process = builder.start();
    ZipkinServer server = new ZipkinServer(process,
        new ProcessOutput(process.getInputStream(), runDirectory.resolve("zipkin.log"), label + "-zipkin"), port);
    server.awaitHealthy();
    return server;
  }

  /** Where an exporter sends spans: Zipkin's v2 HTTP collector. */
  public String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * The spans Zipkin holds for {@code traceId} once {@code complete} accepts them, polling its query API.
   *
   * @throws AssertionError with what Zipkin last answered if the time-out passes first
   */
  public List<Span> awaitTrace(String traceId, Predicate<List<Span>> complete, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Span> spans = List.of();
    while (System.nanoTime() < deadline) {
      HttpResponse<byte[]> response = get("/api/v2/trace/" + traceId);
      if (response.statusCode() == 200) {
        spans = SpanBytesDecoder.JSON_V2.decodeList(response.body());
        if (complete.test(spans)) {
          return spans;
        }
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    throw new AssertionError("Zipkin at " + baseUrl() + " did not hold the expected spans of trace " + traceId
        + " within " + timeout + "; it held " + spans);
  }

  public HttpResponse<byte[]> get(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " from Zipkin failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
  }

  private void awaitHealthy() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<byte[]> health = get("/health");
        if (health.statusCode() == 200 && new String(health.body(), StandardCharsets.UTF_8).contains("UP")) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // the port opens only once the server has started
      }
      Thread.sleep(POLL_INTERVAL.toMillis());
    }
    String why = process.isAlive() ? "was not healthy within " + START_TIMEOUT : "ended with exit code "
        + process.waitFor();
    close();
    throw new AssertionError("Zipkin " + why + "\n  " + String.join("\n  ", output.lines()));
  }

  private static Path serverJar() {
    Path jar = Paths.get(System.getProperty("zipkin.server.jar", "target/zipkin/zipkin-server.jar"))
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      String reason = "missing the Zipkin server jar (the module's build copies it from Maven Central): " + jar;
      if (SmokeEnvironment.inCi()) {
        throw new AssertionError(reason);
      }
      org.junit.jupiter.api.Assumptions.abort(reason);
    }
    return jar;
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    output.awaitEnd(Duration.ofSeconds(10));
  }

  /** Everything the server printed, for a failure message. */
  public List<String> outputLines() {
    return new ArrayList<>(output.lines());
  }
}
