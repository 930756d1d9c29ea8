package io.tracer.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux says about a process: CPU time used so far, resident memory and OS threads. */
final class ProcStat {

  private static final int UTIME_FIELD = 14;
  private static final int STIME_FIELD = 15;

  private final long clockTicksPerSecond;

  ProcStat(long clockTicksPerSecond) {
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  static ProcStat forThisMachine() throws IOException, InterruptedException {
    Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
    String output = new String(getconf.getInputStream().readAllBytes()).trim();
    getconf.waitFor();
    return new ProcStat(output.matches("\\d+") ? Long.parseLong(output) : 100);
  }

  /** User plus system CPU time of all the process's threads, in microseconds. */
  double cpuMicros(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // the command name in parentheses may hold spaces: fields are counted after its closing parenthesis
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    int offset = 3;
    long ticks = Long.parseLong(fields[UTIME_FIELD - offset]) + Long.parseLong(fields[STIME_FIELD - offset]);
    return ticks * 1e6 / clockTicksPerSecond;
  }

  long residentBytes(long pid) throws IOException {
    return statusValue(pid, "VmRSS:") * 1024;
  }

  long threads(long pid) throws IOException {
    return statusValue(pid, "Threads:");
  }

  private static long statusValue(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException(field + " missing from /proc/" + pid + "/status");
  }
}
