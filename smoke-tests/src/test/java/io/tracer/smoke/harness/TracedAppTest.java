package io.tracer.smoke.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The harness and a test application on their own, without the agent: the app serves every endpoint the servlet
 * smoke tests rely on, and the harness starts, reads and stops it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracedAppTest {

  private TracedApp app;

  @BeforeAll
  void startAppWithoutAgent() throws Exception {
    app = TracedApp.builder("servlet-jakarta").withoutAgent().label("TracedAppTest").start();
  }

  @AfterAll
  void stopApp() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void appServesEveryEndpoint() {
    assertEquals(new HttpResult(200, "hello"), app.get("/hello"));
    assertEquals(new HttpResult(200, "/42"), app.get("/orders/42"));
    assertEquals(500, app.get("/fail").status());
    assertEquals(new HttpResult(503, "status 503"), app.get("/status/503"));
    assertEquals(new HttpResult(404, "status 404"), app.get("/status/404"));
    assertEquals(new HttpResult(200, "async"), app.get("/async"));
    assertEquals(new HttpResult(200, "hello"), app.get("/forward"));
    assertEquals(new HttpResult(200, "ok"), app.get("/health"));
    assertEquals(new HttpResult(200, "default"), app.get("/any/other/path"));
  }

  @Test
  void capturesStdoutAndStderr() throws Exception {
    assertTrue(app.stdoutLines().contains("LISTENING " + app.port()), app.describeOutput());
    assertTrue(app.awaitStderrLine(line -> line.contains("Starting Servlet engine"), Duration.ofSeconds(5))
        .isPresent(), app.describeOutput());
  }

  @Test
  void anAppThatDiesBeforeListeningFailsWithItsOutput() {
    AssertionError failure = assertThrows(AssertionError.class, () -> TracedApp.builder("servlet-jakarta")
        .withoutAgent()
        .jvmArgument("-XX:+NoSuchOptionForTheSmokeHarness")
        .label("TracedAppTest-dies")
        .start());
    assertTrue(failure.getMessage().contains("ended with exit code"), failure.getMessage());
    assertTrue(failure.getMessage().contains("NoSuchOptionForTheSmokeHarness"), failure.getMessage());
  }

  @Test
  void closeStopsTheProcess() throws Exception {
    TracedApp second = TracedApp.builder("servlet-javax").withoutAgent().label("TracedAppTest-close").start();
    assertEquals(new HttpResult(200, "hello"), second.get("/hello"));
    second.close();
    assertFalse(second.isAlive());
  }
}
