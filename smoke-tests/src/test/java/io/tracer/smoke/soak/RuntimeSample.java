package io.tracer.smoke.soak;

import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedMetric;
import io.tracer.smoke.harness.SmokeEnvironment;
import io.tracer.smoke.harness.TracedApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The application's heap after a full collection and its thread count, as the agent's own runtime metrics report
 * them ({@code jvm.memory.used_after_last_gc} summed over the heap pools, {@code jvm.thread.count} over daemon and
 * not): the collection is asked for with {@code jcmd <pid> GC.run} (a full, compacting {@code System.gc()}), and the
 * sample is the first metrics export collected after it. To tell which threads came, the sample also counts the
 * threads by name ({@code jcmd <pid> Thread.print}, digits as {@code #}).
 */
record RuntimeSample(long heapAfterGcBytes, long threads, Map<String, Integer> threadsByName) {

  private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

  /** The smallest of {@code samples} samples, each after a collection of its own: garbage can only add. */
  static RuntimeSample smallestOf(int samples, TracedApp app, OtlpReceiver receiver)
      throws IOException, InterruptedException {
    RuntimeSample smallest = null;
    for (int i = 0; i < samples; i++) {
      RuntimeSample sample = take(app, receiver);
      smallest = smallest == null ? sample : new RuntimeSample(
          Math.min(smallest.heapAfterGcBytes, sample.heapAfterGcBytes), Math.min(smallest.threads, sample.threads),
          sample.threads < smallest.threads ? sample.threadsByName : smallest.threadsByName);
    }
    return smallest;
  }

  static RuntimeSample take(TracedApp app, OtlpReceiver receiver) throws IOException, InterruptedException {
    jcmd(app, "GC.run");
    long collectedEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    long heap = sum(receiver.awaitMetric(metric -> metric.name().equals("jvm.memory.used_after_last_gc")
        && collectedAfter(metric, collectedEpochNanos), EXPORT_TIMEOUT), "heap");
    long threads = sum(receiver.awaitMetric(metric -> metric.name().equals("jvm.thread.count")
        && collectedAfter(metric, collectedEpochNanos), EXPORT_TIMEOUT), null);
    Map<String, Integer> threadsByName = new TreeMap<>();
    for (String line : jcmd(app, "Thread.print").split("\n")) {
      // a Java thread's line: "name" #id ...; the JVM's own threads (GC, compiler) have no #id
      int nameEnd = line.indexOf("\" #");
      if (line.startsWith("\"") && nameEnd > 0) {
        threadsByName.merge(line.substring(1, nameEnd).replaceAll("[0-9]+", "#"), 1, Integer::sum);
      }
    }
    return new RuntimeSample(heap, threads, threadsByName);
  }

  /** The thread names whose count grew from {@code earlier} to this sample, with how many more. */
  Map<String, Integer> threadsAddedSince(RuntimeSample earlier) {
    Map<String, Integer> added = new TreeMap<>();
    threadsByName.forEach((name, count) -> {
      int more = count - earlier.threadsByName.getOrDefault(name, 0);
      if (more > 0) {
        added.put(name, more);
      }
    });
    return added;
  }

  private static String jcmd(TracedApp app, String command) throws IOException, InterruptedException {
    Path jcmd = SmokeEnvironment.javaExecutable().resolveSibling("jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), command)
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(jcmd + " " + app.pid() + " " + command + " failed: " + output);
    }
    return output;
  }

  private static boolean collectedAfter(ReceivedMetric metric, long epochNanos) {
    List<NumberDataPoint> points = metric.metric().getSum().getDataPointsList();
    return !points.isEmpty() && points.stream().allMatch(point -> point.getTimeUnixNano() > epochNanos);
  }

  /** The sum of the metric's points, of those whose {@code jvm.memory.type} is {@code memoryType} if given. */
  private static long sum(ReceivedMetric metric, String memoryType) {
    return metric.metric().getSum().getDataPointsList().stream()
        .filter(point -> memoryType == null
            || memoryType.equals(OtlpAttributes.stringValue(point.getAttributesList(), "jvm.memory.type")))
        .mapToLong(NumberDataPoint::getAsInt)
        .sum();
  }
}
