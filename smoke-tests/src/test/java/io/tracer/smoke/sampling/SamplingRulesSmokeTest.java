package io.tracer.smoke.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code otel.traces.sampler=rules}: each route at its own rate, over requests whose trace ids the agent draws. */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplingRulesSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(60);
  private static final int REQUESTS = 400;

  @TempDir
  static Path folder;
  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    Path rules = folder.resolve("sampling.yaml");
    Files.writeString(rules, "default: {rate: 0}\n"
        + "rules:\n"
        + "  - {operation: \"GET /hello\", rate: 1.0}\n"
        + "  - {operation: \"GET /orders/*\", rate: 0.25}\n");
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName("sampling-rules-smoke")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("OTEL_TRACES_SAMPLER", "rules")
        .env("OTEL_TRACES_SAMPLER_RULES_FILE", rules.toString())
        .start();
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void eachRouteIsSampledAtItsRateAndTheRestAtTheDefault() throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      assertEquals(200, app.get("/orders/" + i).status());
      assertEquals(200, app.get("/status/200").status());
    }
    // spans are exported in the order they end: once this one has arrived, the earlier ones would have too
    assertEquals(200, app.get("/hello").status());
    receiver.awaitSpan(span -> "/hello".equals(span.stringAttribute("url.path")), SPAN_TIMEOUT);

    int orders = receiver.matching(span -> String.valueOf(span.stringAttribute("url.path")).startsWith("/orders/"))
        .size();
    // binomial: 100 expected, standard deviation about 8.7; 60 to 140 is more than four of them either way
    assertTrue(orders >= 60 && orders <= 140, orders + " of " + REQUESTS + " order requests sampled");
    assertEquals(0, receiver.matching(span -> "/status/200".equals(span.stringAttribute("url.path"))).size());
    assertTrue(app.stderrLines().stream().noneMatch(line -> line.startsWith("[tracer]")),
        app.describeOutput());
  }
}
