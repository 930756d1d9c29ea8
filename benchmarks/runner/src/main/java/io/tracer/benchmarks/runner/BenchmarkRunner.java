package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overhead benchmark: for each round, each setup in turn (A B C D E, A B C D E, ...) so that drift of the
 * machine spreads over all of them; per setup a fresh service JVM, timed to its first answer, warmed up, then
 * each endpoint loaded by wrk for a fixed time. Writes {@code latest.md} with medians, ratios and raw numbers.
 */
public final class BenchmarkRunner {

  private static final Duration QUIET_AFTER_EXIT = Duration.ofSeconds(1);

  private final Settings settings;
  private final ProcStat proc;
  private final Wrk wrk;
  private final SpanCounter counter;
  private final Path logs;

  private BenchmarkRunner(Settings settings, ProcStat proc, SpanCounter counter, Path logs) {
    this.settings = settings;
    this.proc = proc;
    this.wrk = new Wrk(settings.wrkThreads(), settings.connections());
    this.counter = counter;
    this.logs = logs;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromEnvironment(System.getenv());
    Path logs = settings.resultsDirectory().resolve("logs");
    Files.createDirectories(logs);
    Machine machine = Machine.describe(settings.java());
    System.out.println("benchmark: " + settings.describe());
    System.out.println("benchmark: about " + Math.round(settings.loadSeconds() / 60.0)
        + " min of load, plus start-up and shut-down of " + settings.rounds() * settings.configurations().size()
        + " JVMs");
    List<RunFigures> runs = new ArrayList<>();
    List<AgentSetup> setups = new ArrayList<>();
    try (SpanCounter counter = new SpanCounter(); FaultyCollectors faults = new FaultyCollectors()) {
      for (String name : settings.configurations()) {
        setups.add(AgentSetup.named(name, settings, counter.endpoint(), faults));
      }
      BenchmarkRunner runner = new BenchmarkRunner(settings, ProcStat.forThisMachine(), counter, logs);
      for (int round = 1; round <= settings.rounds(); round++) {
        for (AgentSetup setup : setups) {
          RunFigures figures = runner.runOnce(setup, round);
          runs.add(figures);
          System.out.println(summary(figures));
        }
      }
    }
    machine = machine.finished();
    Path latest = settings.resultsDirectory().resolve("latest.md");
    Files.writeString(latest, new Report(settings, machine, setups, runs).markdown());
    System.out.println("benchmark: results in " + latest);
  }

  private RunFigures runOnce(AgentSetup setup, int round) throws Exception {
    Path log = logs.resolve(setup.name() + "-round" + round + ".log");
    counter.drainCounts();
    double startupMillis;
    Map<String, RunFigures.EndpointFigures> endpoints = new LinkedHashMap<>();
    Map<String, Long> served = new LinkedHashMap<>();
    long resident;
    long heapLive;
    long threads;
    double stopMillis;
    try (ServiceProcess service = ServiceProcess.start(settings, setup, log)) {
      startupMillis = service.awaitFirstSuccess(log);
      serve(served, "/d", wrk.run(service.url("/d"), settings.warmupSeconds()).requests());
      for (String endpoint : settings.endpoints()) {
        String path = "/" + endpoint;
        String url = service.url(path);
        serve(served, path, wrk.run(url, settings.endpointWarmupSeconds()).requests());
        double cpuBefore = proc.cpuMicros(service.pid());
        long allocatedBefore = service.stats(false).get("allocatedBytes");
        Wrk.Result load = wrk.run(url, settings.durationSeconds());
        double cpuAfter = proc.cpuMicros(service.pid());
        long allocatedAfter = service.stats(false).get("allocatedBytes");
        serve(served, path, load.requests());
        if (load.errors() > 0) {
          System.out.println("benchmark: WARNING " + setup.name() + " /" + endpoint + ": " + load.errors()
              + " failed requests (see " + log + ")");
        }
        endpoints.put(endpoint, new RunFigures.EndpointFigures(load.requests(), load.seconds(), load.throughput(),
            load.p50Micros(), load.p99Micros(), (cpuAfter - cpuBefore) / load.requests(),
            (double) (allocatedAfter - allocatedBefore) / load.requests(), load.errors()));
      }
      heapLive = service.stats(true).get("heapUsedBytes");
      resident = proc.residentBytes(service.pid());
      threads = proc.threads(service.pid());
      serve(served, "/a", service.probes());
      serve(served, "/bench/stats", service.statsCalls());
      stopMillis = service.stop();
    }
    awaitQuietReceiver();
    Map<String, Long> spansByKindAndName = counter.drainCounts();
    long spans = spansByKindAndName.values().stream().mapToLong(Long::longValue).sum();
    return new RunFigures(setup.name(), round, startupMillis, stopMillis, endpoints, resident, heapLive, threads,
        served, spans, spansByKindAndName, lossReports(log));
  }

  /** Lines in which the agent reported spans it could not deliver: each is one report of many spans. */
  private static long lossReports(Path log) throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(line -> line.startsWith("[tracer]") && (line.contains("dropped") || line.contains("lost")))
          .count();
    }
  }

  /** Counts what the service served; each {@code /d} calls {@code /a} once more. */
  private static void serve(Map<String, Long> served, String path, long requests) {
    served.merge(path, requests, Long::sum);
    if (path.equals("/d")) {
      served.merge("/a", requests, Long::sum);
    }
  }

  /** The JVM has exited, its agent flushed; an export still in flight is counted once the receiver is quiet. */
  private void awaitQuietReceiver() throws InterruptedException {
    long seen = -1;
    while (counter.exports() != seen) {
      seen = counter.exports();
      Thread.sleep(QUIET_AFTER_EXIT.toMillis());
    }
  }

  private static String summary(RunFigures run) {
    StringBuilder line = new StringBuilder(String.format("round %d %-16s start %6.0f ms stop %5.0f ms", run.round(),
        run.setup(), run.startupMillis(), run.stopMillis()));
    run.endpoints().forEach((endpoint, figures) -> line.append(String.format("  /%s %7.0f req/s p99 %6.2f ms",
        endpoint, figures.throughput(), figures.p99Micros() / 1000)));
    line.append(String.format("  server spans/req %.3f", run.serverSpansPerRequest()));
    return line.toString();
  }
}
