package io.tracer.smoke.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test application running in its own JVM, normally with {@code -javaagent:tracer.jar}. Starting it waits for
 * the {@code LISTENING <port>} line the application prints once it serves; closing it stops the process (and any
 * children) the way an orchestrator would, so the agent's shutdown hooks run. Its stdout and stderr are kept in
 * memory for assertions and written to {@code <smoke.logs.dir>/<label>/}.
 */
public final class TracedApp implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String LISTENING = "LISTENING ";

  private final Process process;
  private final ProcessOutput stdout;
  private final ProcessOutput stderr;
  private final HttpClient httpClient = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(REQUEST_TIMEOUT)
      .build();
  private int port = -1;

  private TracedApp(Process process, ProcessOutput stdout, ProcessOutput stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** An application of {@code smoke-tests/apps/<appName>}, to configure and start. */
  public static Builder builder(String appName) {
    return new Builder(appName);
  }

  public int port() {
    return port;
  }

  /** The application's process id, for the JDK's tools ({@code jcmd}). */
  public long pid() {
    return process.pid();
  }

  public HttpResult get(String path) {
    return get(path, Map.of());
  }

  public HttpResult get(String path, Map<String, String> headers) {
    HttpResponse<String> response = send(path, headers);
    return new HttpResult(response.statusCode(), response.body());
  }

  /** A GET whose whole response, headers included, the test reads. */
  public HttpResponse<String> send(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(REQUEST_TIMEOUT)
        .GET();
    headers.forEach(request::header);
    try {
      return httpClient.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " failed; " + describeOutput(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during GET " + path, e);
    }
  }

  public List<String> stdoutLines() {
    return stdout.lines();
  }

  public List<String> stderrLines() {
    return stderr.lines();
  }

  /** The first stderr line matching {@code condition}, waiting for it; empty if the time-out passes first. */
  public Optional<String> awaitStderrLine(Predicate<? super String> condition, Duration timeout)
      throws InterruptedException {
    return stderr.awaitLine(condition, timeout);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code of the stopped application: 143 when SIGTERM ended it and its shutdown hooks ran. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Stops the application (SIGTERM, then SIGKILL after a grace period) and waits for all its output. */
  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    stdout.awaitEnd(STOP_TIMEOUT);
    stderr.awaitEnd(STOP_TIMEOUT);
  }

  /**
   * Stops the application as {@link #close} does, and keeps what the JVM writes while it shuts down (the agent's
   * shutdown reports): the signal goes through the process handle, because {@link Process#destroy} also closes this
   * side of the pipes at once, so that what the shutdown hooks print is lost.
   */
  public void stopKeepingShutdownOutput() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.toHandle().destroy();
    if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      stdout.awaitEnd(STOP_TIMEOUT);
      stderr.awaitEnd(STOP_TIMEOUT);
    }
    close();
  }

  private void awaitListening(String command) throws InterruptedException {
    Optional<String> listening = stdout.awaitLine(line -> line.startsWith(LISTENING), START_TIMEOUT);
    if (listening.isEmpty()) {
      // stdout reaches its end a moment before the ended process can be waited for
      boolean exited = stdout.hasEnded() && process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      String failure = exited
          ? "ended with exit code " + process.exitValue()
          : "did not print '" + LISTENING + "<port>' within " + START_TIMEOUT;
      close();
      throw new AssertionError(command + "\n" + failure + "\n" + describeOutput());
    }
    port = Integer.parseInt(listening.get().substring(LISTENING.length()).trim());
  }

  public String describeOutput() {
    return "stdout:\n  " + String.join("\n  ", stdout.lines()) + "\nstderr:\n  "
        + String.join("\n  ", stderr.lines());
  }

  /** What to start: the application, the agent (or none), the JVM arguments and the environment. */
  public static final class Builder {

    private final String appName;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmArguments = new ArrayList<>();
    private boolean withAgent = true;
    private Path agentJar;
    private String label;

    private Builder(String appName) {
      this.appName = appName;
      this.label = appName;
      environment.put("OTEL_SERVICE_NAME", appName);
    }

    public Builder serviceName(String serviceName) {
      return env("OTEL_SERVICE_NAME", serviceName);
    }

    /** Exports to {@code receiver} over {@code protocol}, in batches sent every 100 ms. */
    public Builder exportTo(OtlpReceiver receiver, OtlpProtocol protocol) {
      return exportTo(protocol, receiver.endpoint(protocol));
    }

    /** Exports to any endpoint (one that refuses or never answers, say) over {@code protocol}. */
    public Builder exportTo(OtlpProtocol protocol, String endpoint) {
      env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol.configValue());
      env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
      return env("OTEL_BSP_SCHEDULE_DELAY", "100");
    }

    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder jvmArgument(String argument) {
      jvmArguments.add(argument);
      return this;
    }

    /** Runs the application under another agent than tracer.jar (the OpenTelemetry Java agent, say). */
    public Builder otherAgent(Path agentJar) {
      this.agentJar = agentJar;
      return this;
    }

    /** Runs the application alone, to prove the application and the harness without the agent. */
    public Builder withoutAgent() {
      withAgent = false;
      return this;
    }

    /** Names the folder of this run's logs (default: the application's name). */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * Starts the application and waits until it listens.
     *
     * @throws AssertionError if the process ends or does not listen in time, with everything it printed
     */
    public TracedApp start() throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(SmokeEnvironment.javaExecutable().toString());
      if (withAgent) {
        command.add("-javaagent:" + (agentJar != null ? agentJar : SmokeEnvironment.tracerJar()));
      }
      command.addAll(jvmArguments);
      command.add("-jar");
      command.add(SmokeEnvironment.appJar(appName).toString());

      // the working directory also holds what the embedded server writes (its base folder)
      Path runDirectory = Files.createDirectories(SmokeEnvironment.logsDir().resolve(label));
      ProcessBuilder processBuilder = new ProcessBuilder(command).directory(runDirectory.toFile());
      // settings of the shell running the build must not leak into the application under test
      processBuilder.environment().keySet().removeIf(name -> name.startsWith("OTEL_") || name.equals("PORT"));
      processBuilder.environment().putAll(environment);
      Files.writeString(runDirectory.resolve("command.txt"),
          String.join(" ", command) + "\n" + environment + "\n");

      Process process = processBuilder.start();
      ProcessOutput stdout = new ProcessOutput(process.getInputStream(), runDirectory.resolve("stdout.log"),
          label + "-stdout");
      ProcessOutput stderr = new ProcessOutput(process.getErrorStream(), runDirectory.resolve("stderr.log"),
          label + "-stderr");
      TracedApp app = new TracedApp(process, stdout, stderr);
      app.awaitListening(String.join(" ", command));
      return app;
    }
  }
}
