package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad configuration values never stop the application: each is told in exactly one stderr line naming the key
 * and the value, the default is used, and the application serves and is traced.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadConfigurationSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("servlet-javax")
        .label(getClass().getSimpleName())
        .serviceName("bad-configuration-smoke")
        .exportTo(receiver, OtlpProtocol.GRPC)
        // a ratio sampler reads the argument for sure
        .env("OTEL_TRACES_SAMPLER", "parentbased_traceidratio")
        .env("OTEL_TRACES_SAMPLER_ARG", "abc")
        .env("OTEL_TRACES_EXPORTER", "bogus,otlp")
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
  void appServesAndIsTraced() throws Exception {
    ReceivedSpan span = requestTraced();
    assertEquals("GET /hello", span.name());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {"otel.traces.sampler.arg | abc", "otel.traces.exporter | bogus"})
  void badValueIsToldInExactlyOneLine(String key, String badValue) throws Exception {
    requestTraced();
    String environmentName = key.toUpperCase(Locale.ROOT).replace('.', '_');
    List<String> lines = app.stderrLines().stream()
        .filter(line -> line.toLowerCase(Locale.ROOT).contains(key) || line.contains(environmentName))
        .toList();
    assertEquals(1, lines.size(), "lines naming " + key + ":\n" + app.describeOutput());
    assertTrue(lines.get(0).contains(badValue), "the line does not show the value: " + lines.get(0));
  }

  /** A request whose span arrives: by then the agent has read every setting that tracing needs. */
  private ReceivedSpan requestTraced() throws Exception {
    assertEquals(new HttpResult(200, "hello"), app.get("/hello"));
    return receiver.awaitSpanNamed("GET /hello", SPAN_TIMEOUT);
  }
}
