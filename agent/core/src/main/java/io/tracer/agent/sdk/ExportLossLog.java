package io.tracer.agent.sdk;

import io.opentelemetry.sdk.common.Clock;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/**
 * What the operator is told about spans one exporter lost: the first loss at once, with its reason and the endpoint;
 * while losses continue, at most one summary a minute; one line when export works again. Losses that come and go
 * (a queue that overflows at every burst while each export succeeds) start no new line within a minute of the
 * last one: they wait for the next summary. However many spans or batches fail, stderr gets a handful of lines,
 * never one per span, per batch or per burst.
 *
 * <p>Called from the export worker and the HTTP client's threads, never from the application's, so a plain monitor
 * is enough.
 */
final class ExportLossLog {

  static final long SUMMARY_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final String endpoint;
  private final PrintStream out;
  private final Clock clock;

  private boolean losing;
  /** Whether the current loss episode's first line was printed, so that its end is told too. */
  private boolean episodeTold;
  private boolean anyLine;
  private long lossStartedEpochNanos;
  private long lostInEpisode;
  private long lostSinceLastLine;
  private long lastLineNanos;
  private String lastReason;

  ExportLossLog(String endpoint, PrintStream out, Clock clock) {
    this.endpoint = endpoint;
    this.out = out;
    this.clock = clock;
  }

  /**
   * @param reason why, as a phrase that reads after "because": {@code export failed: HTTP 503}, {@code the export
   *     queue is full (otel.bsp.max.queue.size=2048)}
   */
  synchronized void lost(long spans, String reason) {
    if (spans <= 0) {
      return;
    }
    lastReason = reason;
    if (!losing) {
      losing = true;
      lossStartedEpochNanos = clock.now();
      lostInEpisode = spans;
      boolean lineDue = !anyLine || clock.nanoTime() - lastLineNanos >= SUMMARY_INTERVAL_NANOS;
      // losses of earlier, untold episodes are still to be told: a summary carries them and this one
      episodeTold = lineDue && lostSinceLastLine == 0;
      if (episodeTold) {
        print("[tracer] lost " + spans + " span" + plural(spans) + " for " + endpoint + " because " + reason
            + "; further losses are summarized at most once a minute");
      } else {
        lostSinceLastLine += spans;
        if (lineDue) {
          summarize();
        }
      }
      return;
    }
    lostInEpisode += spans;
    lostSinceLastLine += spans;
    if (clock.nanoTime() - lastLineNanos >= SUMMARY_INTERVAL_NANOS) {
      summarize();
    }
  }

  /** An export succeeded with nothing lost on its way: a loss episode, if any, is over. */
  synchronized void delivered() {
    if (!losing) {
      return;
    }
    losing = false;
    if (episodeTold) {
      print("[tracer] export to " + endpoint + " works again; " + lostInEpisode + " span"
          + plural(lostInEpisode) + " lost since " + timeOfDay(lossStartedEpochNanos));
      lostSinceLastLine = 0;
    }
  }

  /** At shutdown: losses not yet told are told now. */
  synchronized void close() {
    if (lostSinceLastLine > 0) {
      summarize();
    }
  }

  private void summarize() {
    print("[tracer] " + lostSinceLastLine + " more span" + plural(lostSinceLastLine) + " lost for " + endpoint
        + " since " + timeOfDay(lastLineEpochNanos()) + ", last because " + lastReason);
    lostSinceLastLine = 0;
  }

  private void print(String line) {
    out.println(line);
    anyLine = true;
    lastLineNanos = clock.nanoTime();
  }

  /** When the previous line was printed, on the wall clock the operator reads. */
  private long lastLineEpochNanos() {
    return clock.now() - (clock.nanoTime() - lastLineNanos);
  }

  private static String timeOfDay(long epochNanos) {
    return TIME_OF_DAY.format(Instant.ofEpochSecond(0, epochNanos).atZone(ZoneId.systemDefault()));
  }

  private static String plural(long count) {
    return count == 1 ? "" : "s";
  }
}
