package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One JVM of the benchmark service under one agent setup, and what the runner reads from it. */
final class ServiceProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final long POLL_MILLIS = 5;

  private final Process process;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final long startNanos;
  private long probes;
  private long statsCalls;

  private ServiceProcess(Process process, String baseUrl, long startNanos) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.startNanos = startNanos;
  }

  static ServiceProcess start(Settings settings, AgentSetup setup, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(settings.java());
    command.addAll(settings.jvmOptions());
    if (setup.agentJar() != null) {
      command.add("-javaagent:" + setup.agentJar().toAbsolutePath());
    }
    command.add("-Dbench.port=" + settings.port());
    command.add("-jar");
    command.add(settings.serviceJar().toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // no OTEL_* of the caller's shell leaks into a run: each setup says all it means
    builder.environment().keySet().removeIf(key -> key.startsWith("OTEL_") || key.startsWith("JAVA_TOOL"));
    builder.environment().putAll(setup.environment());
    long startNanos = System.nanoTime();
    return new ServiceProcess(builder.start(), "http://127.0.0.1:" + settings.port(), startNanos);
  }

  String url(String path) {
    return baseUrl + path;
  }

  long pid() {
    return process.pid();
  }

  /** Milliseconds from the JVM's launch to the first 200 of {@code /a}, polled every few milliseconds. */
  double awaitFirstSuccess(Path log) throws IOException, InterruptedException {
    HttpRequest probe = HttpRequest.newBuilder(URI.create(url("/a"))).timeout(Duration.ofSeconds(5)).build();
    long deadline = startNanos + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the service exited with " + process.exitValue() + " before answering; its log "
            + log + ":\n" + tail(log));
      }
      try {
        int status = http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        probes++;
        if (status == 200) {
          return (System.nanoTime() - startNanos) / 1e6;
        }
      } catch (IOException notListeningYet) {
        // keep polling
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw new IOException("the service did not answer within " + START_LIMIT + "; its log " + log + ":\n"
        + tail(log));
  }

  /** The counters of {@code /bench/stats}; {@code afterFullGc} collects first so that the heap is what is live. */
  Map<String, Long> stats(boolean afterFullGc) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url("/bench/stats" + (afterFullGc ? "?gc=true" : ""))))
        .timeout(Duration.ofSeconds(30)).build();
    statsCalls++;
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("/bench/stats answered " + response.statusCode());
    }
    Map<String, Long> values = new HashMap<>();
    for (String line : response.body().split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1).trim()));
      }
    }
    return values;
  }

  /** Readiness probes that {@code /a} answered. */
  long probes() {
    return probes;
  }

  long statsCalls() {
    return statsCalls;
  }

  /**
   * Stops the JVM as an orchestrator would (SIGTERM), so that both agents flush what they still hold.
   *
   * @return milliseconds from the signal to the JVM's exit (a forced kill after 30 s included)
   */
  double stop() throws InterruptedException {
    long start = System.nanoTime();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
