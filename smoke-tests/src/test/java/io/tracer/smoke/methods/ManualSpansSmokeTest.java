package io.tracer.smoke.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A servlet calls a {@code @WithSpan} method (the real opentelemetry-instrumentation-annotations jar on the app's
 * class path), which calls a method named only in the configuration: both spans arrive over OTLP in the request's
 * trace, under the agent's SERVER span.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualSpansSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private OtlpReceiver receiver;
  private TracedApp app;

  @BeforeAll
  void startApp() throws Exception {
    receiver = OtlpReceiver.start();
    app = TracedApp.builder("manual-spans")
        .label(getClass().getSimpleName())
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_INSTRUMENTATION_METHODS_INCLUDE", "example.manualspans.Payment*[charge]")
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
  void annotatedAndConfiguredMethodSpansAreChildrenOfTheRequest() throws Exception {
    HttpResult result = app.get("/checkout?cart=c-7");
    assertEquals(200, result.status(), result.body());
    assertEquals("charged c-7 1250", result.body());

    ReceivedSpan server = receiver.awaitSpanNamed("GET /checkout", SPAN_TIMEOUT);
    ReceivedSpan placeOrder = receiver.awaitSpanNamed("place order", SPAN_TIMEOUT);
    ReceivedSpan charge = receiver.awaitSpanNamed("PaymentService.charge", SPAN_TIMEOUT);

    assertEquals(SpanKind.SPAN_KIND_SERVER, server.kind(), server::toString);
    assertEquals(SpanKind.SPAN_KIND_INTERNAL, placeOrder.kind(), placeOrder::toString);
    assertEquals(server.traceId(), placeOrder.traceId(), placeOrder::toString);
    assertEquals(server.spanId(), placeOrder.parentSpanId(), placeOrder::toString);
    assertEquals("c-7", placeOrder.stringAttribute("cart.id"), placeOrder::toString);
    assertEquals(1250L, placeOrder.longAttribute("order.total_cents"), placeOrder::toString);

    assertEquals(SpanKind.SPAN_KIND_INTERNAL, charge.kind(), charge::toString);
    assertEquals(server.traceId(), charge.traceId(), charge::toString);
    assertEquals(placeOrder.spanId(), charge.parentSpanId(), charge::toString);
    assertEquals("example.manualspans.PaymentService.charge", charge.stringAttribute("code.function.name"));
  }
}
