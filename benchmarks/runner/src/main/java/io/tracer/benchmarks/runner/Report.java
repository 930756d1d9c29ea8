package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** {@code latest.md}: medians over rounds with their ratio to no agent, the targets of issue 7, raw numbers. */
final class Report {

  private static final String TRACER = "tracer";
  private static final String OTEL = "otel";
  private static final String DISABLED = "tracer-disabled";
  private static final Map<String, String> ENDPOINT_TITLES = Map.of(
      "a", "/a: nothing",
      "b", "/b: one PostgreSQL query through HikariCP",
      "c", "/c: one Redis GET through a Jedis pool",
      "d", "/d: the query, the GET and an outgoing HttpClient call to /a");

  private final Settings settings;
  private final Machine machine;
  private final List<AgentSetup> setups;
  private final List<RunFigures> runs;
  private final StringBuilder out = new StringBuilder();

  Report(Settings settings, Machine machine, List<AgentSetup> setups, List<RunFigures> runs) {
    this.settings = settings;
    this.machine = machine;
    this.setups = setups;
    this.runs = runs;
  }

  String markdown() throws IOException {
    line("# Overhead benchmark: latest run");
    line("");
    line("Started %s on %s (%d cores, %.1f GB), %s; load average %s before, %s after. Service JVM: %s.",
        machine.started(), machine.cpu(), machine.cores(), machine.memoryKb() / 1048576.0, machine.kernel(),
        machine.loadBefore(), machine.loadAfter(), machine.serviceJava());
    line("");
    line("Parameters: %s.", settings.describe());
    line("");
    line("Every figure is the median over the rounds; in parentheses its ratio to `none` (no agent).");
    line("");
    line("SERVER spans per request: SERVER spans received / requests served (those `/d` sends to `/a` included); "
        + "below the sampling ratio when spans were lost. Other spans: the CLIENT spans of the database, Redis "
        + "and HTTP client calls an agent traces.");
    line("");
    processTable();
    for (String endpoint : settings.endpoints()) {
      endpointTable(endpoint);
    }
    targets();
    spanCounts();
    rawNumbers();
    return out.toString();
  }

  private void processTable() throws IOException {
    line("## Start-up, memory, threads, spans");
    line("");
    line("| configuration | first request (ms) | stop (ms) | RSS after load (MB) | heap live after GC (MB) "
        + "| threads (OS) | SERVER spans per request | other spans per request | loss reports | agent jar (MB) |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (AgentSetup setup : setups) {
      String name = setup.name();
      line("| `%s` %s | %s | %.0f | %s | %s | %s | %.3f | %.2f | %.0f | %s |", name, setup.description(),
          withRatio(name, RunFigures::startupMillis, 1, "%.0f"),
          median(name, RunFigures::stopMillis),
          withRatio(name, run -> run.residentBytes(), 1048576, "%.0f"),
          withRatio(name, run -> run.heapLiveBytes(), 1048576, "%.1f"),
          withRatio(name, run -> run.threads(), 1, "%.0f"),
          median(name, RunFigures::serverSpansPerRequest),
          median(name, RunFigures::otherSpansPerRequest),
          median(name, run -> run.lossReports()),
          setup.agentJar() == null ? "-" : format("%.2f", Files.size(setup.agentJar()) / 1048576.0));
    }
    line("");
  }

  private void endpointTable(String endpoint) {
    line("## %s", ENDPOINT_TITLES.getOrDefault(endpoint, "/" + endpoint));
    line("");
    line("| configuration | throughput (req/s) | p50 (ms) | p99 (ms) | CPU per request (µs) "
        + "| allocated per request (KB) | failed requests |");
    line("|---|---:|---:|---:|---:|---:|---:|");
    for (AgentSetup setup : setups) {
      String name = setup.name();
      long failed = runsOf(name).stream().mapToLong(run -> run.endpoints().get(endpoint).errors()).sum();
      line("| `%s` | %s | %s | %s | %s | %s | %d |", name,
          withRatio(name, run -> run.endpoints().get(endpoint).throughput(), 1, "%.0f"),
          withRatio(name, run -> run.endpoints().get(endpoint).p50Micros(), 1000, "%.2f"),
          withRatio(name, run -> run.endpoints().get(endpoint).p99Micros(), 1000, "%.2f"),
          withRatio(name, run -> run.endpoints().get(endpoint).cpuMicrosPerRequest(), 1, "%.0f"),
          withRatio(name, run -> run.endpoints().get(endpoint).allocatedBytesPerRequest(), 1024, "%.1f"),
          failed);
    }
    line("");
  }

  /** Overheads are differences from no agent; tracer's must be at most the stated share of the OpenTelemetry agent's. */
  private void targets() throws IOException {
    if (!has(AgentSetup.NONE) || !has(TRACER) || !has(OTEL)) {
      return;
    }
    line("## Targets of issue 7");
    line("");
    line("Overhead = difference from `none`; share = tracer's overhead / the OpenTelemetry agent's overhead.");
    line("");
    line("| target | tracer overhead | OpenTelemetry agent overhead | share | target share | verdict |");
    line("|---|---:|---:|---:|---:|---|");
    overheadTarget("start-up (ms)", RunFigures::startupMillis, 1, 1.0 / 3);
    if (settings.endpoints().contains("d")) {
      overheadTarget("/d throughput lost (req/s)", run -> -run.endpoints().get("d").throughput(), 1, 0.5);
      overheadTarget("/d p99 (ms)", run -> run.endpoints().get("d").p99Micros(), 1000, 0.5);
      overheadTarget("/d allocated per request (KB)", run -> run.endpoints().get("d").allocatedBytesPerRequest(),
          1024, 0.5);
    }
    AgentSetup tracer = setup(TRACER);
    AgentSetup otel = setup(OTEL);
    double tracerJar = Files.size(tracer.agentJar()) / 1048576.0;
    double otelJar = Files.size(otel.agentJar()) / 1048576.0;
    double share = tracerJar / otelJar;
    line("| agent jar (MB) | %.2f | %.2f | %.2f | 0.50 | %s |", tracerJar, otelJar, share,
        share <= 0.5 ? "met" : "missed");
    line("");
    if (has(DISABLED)) {
      line("`OTEL_ENABLED=false` against no agent (the noise is the spread, max minus min, of `none` over the "
          + "rounds):");
      line("");
      for (String endpoint : settings.endpoints()) {
        ToDoubleFunction<RunFigures> throughput = run -> run.endpoints().get(endpoint).throughput();
        double baseline = median(AgentSetup.NONE, throughput);
        double difference = median(DISABLED, throughput) - baseline;
        double noise = spread(AgentSetup.NONE, throughput);
        line("- /%s throughput: %+.1f%% against a noise of %.1f%%: %s", endpoint, 100 * difference / baseline,
            100 * noise / baseline, verdict(difference, noise));
      }
      double startDifference = median(DISABLED, RunFigures::startupMillis)
          - median(AgentSetup.NONE, RunFigures::startupMillis);
      double startNoise = spread(AgentSetup.NONE, RunFigures::startupMillis);
      line("- start-up: %+.0f ms against a noise of %.0f ms: %s", startDifference, startNoise,
          verdict(startDifference, startNoise));
      line("");
    }
  }

  private String verdict(double difference, double noise) {
    if (settings.rounds() < 2) {
      return "no noise estimate from one round";
    }
    return Math.abs(difference) <= noise ? "within noise" : "outside noise";
  }

  private void overheadTarget(String title, ToDoubleFunction<RunFigures> figure, double unit, double targetShare) {
    double baseline = median(AgentSetup.NONE, figure);
    double tracer = (median(TRACER, figure) - baseline) / unit;
    double otel = (median(OTEL, figure) - baseline) / unit;
    if (otel <= 0) {
      line("| %s | %.2f | %.2f | - | %.2f | no measurable OpenTelemetry overhead |", title, tracer, otel,
          targetShare);
      return;
    }
    double share = tracer / otel;
    line("| %s | %.2f | %.2f | %.2f | %.2f | %s |", title, tracer, otel, share, targetShare,
        share <= targetShare ? "met" : String.format(Locale.ROOT, "missed by %.2f", share - targetShare));
  }

  private void spanCounts() {
    line("## Spans received, by kind and name (all rounds)");
    line("");
    line("The receiver decodes every OTLP export; requests served count warm-ups, answered readiness "
        + "probes and stats calls, and the call `/d` makes to `/a`.");
    line("");
    for (AgentSetup setup : setups) {
      List<RunFigures> ofSetup = runsOf(setup.name());
      long requests = ofSetup.stream().mapToLong(RunFigures::requests).sum();
      long spans = ofSetup.stream().mapToLong(RunFigures::spans).sum();
      Map<String, Long> counts = new TreeMap<>();
      ofSetup.forEach(run -> run.spansByKindAndName().forEach((key, count) -> counts.merge(key, count, Long::sum)));
      Map<String, Long> served = new TreeMap<>();
      ofSetup.forEach(run -> run.requestsByPath().forEach((path, count) -> served.merge(path, count, Long::sum)));
      line("- `%s`: %d spans for %d requests served (%s)", setup.name(), spans, requests, served);
      counts.forEach((key, count) -> line("  - `%s`: %d", key, count));
    }
    line("");
  }

  private void rawNumbers() {
    line("## Raw numbers");
    line("");
    line("```");
    line("round,configuration,startup_ms,stop_ms,rss_bytes,heap_live_bytes,threads,requests,spans,loss_reports");
    for (RunFigures run : runs) {
      line("%d,%s,%.1f,%.1f,%d,%d,%d,%d,%d,%d", run.round(), run.setup(), run.startupMillis(), run.stopMillis(),
          run.residentBytes(), run.heapLiveBytes(), run.threads(), run.requests(), run.spans(), run.lossReports());
    }
    line("");
    line("round,configuration,endpoint,requests,seconds,throughput,p50_us,p99_us,cpu_us_per_request,"
        + "allocated_bytes_per_request,failed");
    for (RunFigures run : runs) {
      run.endpoints().forEach((endpoint, figures) -> line("%d,%s,%s,%d,%.2f,%.1f,%.1f,%.1f,%.1f,%.0f,%d",
          run.round(), run.setup(), endpoint, figures.requests(), figures.seconds(), figures.throughput(),
          figures.p50Micros(), figures.p99Micros(), figures.cpuMicrosPerRequest(),
          figures.allocatedBytesPerRequest(), figures.errors()));
    }
    line("```");
  }

  private String withRatio(String setup, ToDoubleFunction<RunFigures> figure, double unit, String pattern) {
    double value = median(setup, figure);
    String shown = format(pattern, value / unit);
    if (!has(AgentSetup.NONE) || setup.equals(AgentSetup.NONE)) {
      return shown;
    }
    double baseline = median(AgentSetup.NONE, figure);
    return baseline == 0 ? shown : shown + format(" (%.2f)", value / baseline);
  }

  private double median(String setup, ToDoubleFunction<RunFigures> figure) {
    double[] values = runsOf(setup).stream().mapToDouble(figure).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private double spread(String setup, ToDoubleFunction<RunFigures> figure) {
    double[] values = runsOf(setup).stream().mapToDouble(figure).sorted().toArray();
    return values[values.length - 1] - values[0];
  }

  private List<RunFigures> runsOf(String setup) {
    List<RunFigures> matching = new ArrayList<>();
    for (RunFigures run : runs) {
      if (run.setup().equals(setup)) {
        matching.add(run);
      }
    }
    return matching;
  }

  private boolean has(String setup) {
    return setups.stream().anyMatch(candidate -> candidate.name().equals(setup));
  }

  private AgentSetup setup(String name) {
    return setups.stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
  }

  private void line(String pattern, Object... arguments) {
    out.append(arguments.length == 0 ? pattern : format(pattern, arguments)).append('\n');
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
