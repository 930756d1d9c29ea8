package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.sdk.testing.time.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportLossLogTest {

  private static final String ENDPOINT = "http://collector:4318/v1/traces";
  private static final Instant START = Instant.parse("2025-03-01T10:15:30Z");

  private final TestClock clock = TestClock.create(START);
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ExportLossLog log = new ExportLossLog(ENDPOINT, new PrintStream(out, true), clock);

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  private static String timeOfDay(Instant instant) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(ZoneId.systemDefault()));
  }

  @Test
  void firstLossIsToldAtOnceWithItsReasonAndEndpoint() {
    log.lost(12, "export failed: HTTP 503 Service Unavailable");

    assertEquals(List.of("[tracer] lost 12 spans for " + ENDPOINT + " because export failed: HTTP 503 Service "
        + "Unavailable; further losses are summarized at most once a minute"), lines());
  }

  @Test
  void furtherLossesWithinAMinuteAddNoLine() {
    log.lost(1, "export failed: HTTP 503");
    for (int batch = 0; batch < 100; batch++) {
      clock.advance(Duration.ofMillis(500));
      log.lost(512, "export failed: HTTP 503");
    }

    assertEquals(1, lines().size(), lines().toString());
  }

  @Test
  void lossesGoingOnAreSummarizedOnceAMinute() {
    log.lost(1, "export failed: HTTP 503");
    clock.advance(Duration.ofSeconds(30));
    log.lost(10, "export failed: HTTP 503");
    clock.advance(Duration.ofSeconds(30));
    log.lost(5, "the export queue was full");
    clock.advance(Duration.ofSeconds(10));
    log.lost(7, "export failed: HTTP 503");

    assertEquals(List.of(
        "[tracer] lost 1 span for " + ENDPOINT + " because export failed: HTTP 503; further losses are summarized at "
            + "most once a minute",
        "[tracer] 15 more spans lost for " + ENDPOINT + " since " + timeOfDay(START)
            + ", last because the export queue was full"), lines());
  }

  @Test
  void recoveryIsToldOnceWithTheTotalLost() {
    log.lost(3, "export failed: java.net.ConnectException: Connection refused");
    clock.advance(Duration.ofSeconds(5));
    log.lost(4, "export failed: java.net.ConnectException: Connection refused");

    log.delivered();
    log.delivered();

    assertEquals(List.of(
        "[tracer] lost 3 spans for " + ENDPOINT + " because export failed: java.net.ConnectException: Connection "
            + "refused; further losses are summarized at most once a minute",
        "[tracer] export to " + ENDPOINT + " works again; 7 spans lost since " + timeOfDay(START)), lines());
  }

  @Test
  void aNewEpisodeAMinuteAfterTheLastLineIsToldAgain() {
    log.lost(1, "export failed: HTTP 503");
    log.delivered();
    clock.advance(Duration.ofSeconds(61));
    log.lost(2, "export failed: HTTP 502");

    assertEquals(3, lines().size(), lines().toString());
    assertEquals("[tracer] lost 2 spans for " + ENDPOINT + " because export failed: HTTP 502; further losses are "
        + "summarized at most once a minute", lines().get(2));
  }

  @Test
  void lossesThatComeAndGoAreSummarizedOnceAMinute() {
    // a queue that overflows at every burst while every export succeeds, twice a second for two minutes
    for (int burst = 0; burst < 240; burst++) {
      log.lost(100, "the export queue was full");
      log.delivered();
      clock.advance(Duration.ofMillis(500));
    }
    log.close();

    List<String> lines = lines();
    assertEquals(4, lines.size(), lines.toString());
    assertEquals("[tracer] lost 100 spans for " + ENDPOINT + " because the export queue was full; further losses are "
        + "summarized at most once a minute", lines.get(0));
    assertEquals("[tracer] export to " + ENDPOINT + " works again; 100 spans lost since " + timeOfDay(START),
        lines.get(1));
    long told = lines.stream().skip(2).mapToLong(line -> Long.parseLong(line.split(" ")[1])).sum();
    assertEquals(239 * 100, told, lines.toString());
  }

  @Test
  void successWithoutLossSaysNothing() {
    log.delivered();
    log.lost(0, "the export queue was full");
    log.close();

    assertEquals(List.of(), lines());
  }

  @Test
  void closeTellsLossesNotYetSummarized() {
    log.lost(1, "export failed: HTTP 503");
    clock.advance(Duration.ofSeconds(3));
    log.lost(9, "export failed: HTTP 503");

    log.close();

    assertEquals("[tracer] 9 more spans lost for " + ENDPOINT + " since " + timeOfDay(START)
        + ", last because export failed: HTTP 503", lines().get(1));
    assertEquals(2, lines().size());
  }
}
