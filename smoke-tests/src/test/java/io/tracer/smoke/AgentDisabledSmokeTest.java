package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code OTEL_ENABLED=false}: the agent says so once and does nothing else; the application serves as usual. */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentDisabledSmokeTest {

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName("agent-disabled-smoke")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("OTEL_ENABLED", "false")
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
  void oneStderrLineSaysTheAgentIsDisabled() {
    List<String> agentLines = app.stderrLines().stream().filter(line -> line.contains("[tracer]")).toList();
    assertEquals(1, agentLines.size(), "[tracer] lines: " + agentLines);
    String line = agentLines.get(0).toLowerCase(Locale.ROOT);
    assertTrue(line.contains("disabled") || line.contains("otel.enabled=false"), agentLines.get(0));
  }

  @Test
  void appServesAndNoSpanArrives() throws Exception {
    assertEquals(new HttpResult(200, "hello"), app.get("/hello"));
    assertEquals(new HttpResult(200, "/3"), app.get("/orders/3"));
    assertEquals(500, app.get("/fail").status());

    // a running agent would export what it has at the latest when the application stops
    app.close();
    assertEquals(List.of(), receiver.spans());
  }
}
