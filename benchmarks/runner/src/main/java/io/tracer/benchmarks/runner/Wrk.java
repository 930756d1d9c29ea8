package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} as a separate process at a fixed number of connections and reads its summary. */
final class Wrk {

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h)");
  private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$",
      Pattern.MULTILINE);
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET_ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private final int threads;
  private final int connections;

  Wrk(int threads, int connections) {
    this.threads = threads;
    this.connections = connections;
  }

  record Result(long requests, double seconds, double p50Micros, double p99Micros, long errors) {
    double throughput() {
      return requests / seconds;
    }
  }

  Result run(String url, int seconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("wrk", "--latency", "-t" + threads, "-c" + connections,
        "-d" + seconds + "s", "--timeout", "10s", url));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    Matcher requests = REQUESTS.matcher(output);
    if (exit != 0 || !requests.find()) {
      throw new IOException("wrk failed (exit " + exit + ") on " + url + ":\n" + output);
    }
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher percentile = PERCENTILE.matcher(output);
    while (percentile.find()) {
      double micros = micros(Double.parseDouble(percentile.group(2)), percentile.group(3));
      if (percentile.group(1).equals("50")) {
        p50 = micros;
      } else {
        p99 = micros;
      }
    }
    long errors = 0;
    Matcher non2xx = NON_2XX.matcher(output);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socketErrors = SOCKET_ERRORS.matcher(output);
    if (socketErrors.find()) {
      for (int group = 1; group <= 4; group++) {
        errors += Long.parseLong(socketErrors.group(group));
      }
    }
    double elapsed = micros(Double.parseDouble(requests.group(2)), requests.group(3)) / 1e6;
    return new Result(Long.parseLong(requests.group(1)), elapsed, p50, p99, errors);
  }

  private static double micros(double value, String unit) {
    return switch (unit) {
      case "us" -> value;
      case "ms" -> value * 1e3;
      case "s" -> value * 1e6;
      case "m" -> value * 60e6;
      default -> value * 3600e6;
    };
  }
}
