package io.tracer.smoke.servlet;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code OTEL_HTTP_SERVER_IGNORE_PATHS} with a {@code prefix*} entry leaves every path under the prefix untraced. */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IgnorePathsSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("servlet-jakarta")
        .label(getClass().getSimpleName())
        .serviceName("ignore-paths-smoke")
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("OTEL_HTTP_SERVER_IGNORE_PATHS", "/orders/*")
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
  void pathsUnderAnIgnoredPrefixGiveNoSpanWhileOthersAreTraced() throws Exception {
    assertEquals(new HttpResult(200, "/1"), app.get("/orders/1"));
    assertEquals(new HttpResult(200, "/2/items"), app.get("/orders/2/items"));
    assertEquals(new HttpResult(200, "hello"), app.get("/hello"));

    // spans are exported in the order they end: once /hello's has arrived, the earlier ones would have too
    receiver.awaitSpan(span -> "/hello".equals(span.stringAttribute("url.path")), SPAN_TIMEOUT);
    List<ReceivedSpan> ignored = receiver.matching(span ->
        String.valueOf(span.stringAttribute("url.path")).startsWith("/orders/"));
    assertTrue(ignored.isEmpty(), "spans under the ignored prefix:" + OtlpReceiver.describe(ignored));
  }
}
