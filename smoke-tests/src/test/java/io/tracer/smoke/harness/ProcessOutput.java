package io.tracer.smoke.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One output stream of an application process, read line by line as it comes: copied to a log file and kept in
 * memory, so that tests can wait for a line and assert on all of them.
 */
final class ProcessOutput {

  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private boolean ended;

  ProcessOutput(InputStream stream, Path logFile, String threadName) throws IOException {
    PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
    reader = new Thread(() -> copy(stream, log), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized boolean hasEnded() {
    return ended;
  }

  /** The first line matching {@code condition}, waiting for it until the stream ends or the time-out passes. */
  synchronized Optional<String> awaitLine(Predicate<? super String> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (true) {
      for (; checked < lines.size(); checked++) {
        if (condition.test(lines.get(checked))) {
          return Optional.of(lines.get(checked));
        }
      }
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (ended || remainingMillis <= 0) {
        return Optional.empty();
      }
      wait(remainingMillis);
    }
  }

  /** Waits until everything the process wrote has been read (the process must have ended). */
  void awaitEnd(Duration timeout) throws InterruptedException {
    reader.join(timeout.toMillis());
  }

  private void copy(InputStream stream, PrintWriter log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        PrintWriter out = log) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        append(line);
      }
    } catch (IOException streamClosed) {
      // the process is gone: what it wrote before is kept
    } finally {
      markEnded();
    }
  }

  private synchronized void append(String line) {
    lines.add(line);
    notifyAll();
  }

  private synchronized void markEnded() {
    ended = true;
    notifyAll();
  }
}
