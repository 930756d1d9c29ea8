package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Where and when the figures were taken: they mean little without the machine and how busy it was. */
record Machine(String cpu, int cores, long memoryKb, String kernel, String serviceJava, String loadBefore,
    String loadAfter, Instant started) {

  static Machine describe(String java) throws IOException, InterruptedException {
    return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemoryKb(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"), javaVersion(java), loadAverage(),
        null, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  Machine finished() throws IOException {
    return new Machine(cpu, cores, memoryKb, kernel, serviceJava, loadBefore, loadAverage(), started);
  }

  private static String cpuModel() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown CPU";
  }

  private static long totalMemoryKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return 0;
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static String javaVersion(String java) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    String[] lines = output.strip().split("\n");
    return lines.length > 1 ? lines[1].strip() : lines[0].strip();
  }
}
