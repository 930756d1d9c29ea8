package io.tracer.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import example.methods.OrderRepository;
import example.methods.PaymentService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The surefire configuration names {@code PaymentService[charge,refund]} and {@code *Repository[find*]}. */
class ConfiguredMethodsTracingTest {

  private static final AttributeKey<String> CODE_FUNCTION = AttributeKey.stringKey("code.function.name");

  @BeforeAll
  static void installAgent() {
    TestAgent.install();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
  }

  @Test
  void namedMethodsGetInternalSpansUnderTheCaller() {
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      new PaymentService().refund();
      new PaymentService().audit();
    } finally {
      request.end();
    }
    List<SpanData> spans = methodSpans();
    assertEquals(1, spans.size(), "audit is not configured: " + spans);
    SpanData refund = spans.get(0);
    assertEquals("PaymentService.refund", refund.getName());
    assertEquals(SpanKind.INTERNAL, refund.getKind());
    assertEquals("example.methods.PaymentService.refund", refund.getAttributes().get(CODE_FUNCTION));
    assertEquals(request.getSpanContext().getSpanId(), refund.getParentSpanId());
    assertEquals(request.getSpanContext().getTraceId(), refund.getTraceId());
  }

  @Test
  void anOverloadCallingItsSiblingIsOneSpan() {
    assertEquals("charged acme 1", new PaymentService().charge("acme"));
    List<SpanData> spans = methodSpans();
    assertEquals(1, spans.size(), spans.toString());
    assertEquals("PaymentService.charge", spans.get(0).getName());
  }

  @Test
  void aThrownExceptionReachesTheCallerAndMarksTheSpan() {
    assertThrows(IllegalArgumentException.class, () -> new PaymentService().charge("acme", -1));
    SpanData span = methodSpans().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalArgumentException", span.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("exception", span.getEvents().get(0).getName());
  }

  @Test
  void wildcardsSelectClassesAndMethods() {
    OrderRepository repository = new OrderRepository();
    repository.findById(7);
    repository.save();
    List<String> names = methodSpans().stream().map(SpanData::getName).collect(Collectors.toList());
    assertEquals(List.of("OrderRepository.findById"), names);
  }

  @Test
  void oneConfiguredMethodCallingAnotherNestsTheirSpans() {
    new OrderRepository().findAll();
    List<SpanData> spans = methodSpans();
    assertEquals(3, spans.size(), spans.toString());
    SpanData findAll = spans.stream().filter(span -> span.getName().equals("OrderRepository.findAll")).findFirst()
        .orElseThrow();
    spans.stream().filter(span -> span.getName().equals("OrderRepository.findById"))
        .forEach(findById -> assertEquals(findAll.getSpanId(), findById.getParentSpanId()));
  }

  private static List<SpanData> methodSpans() {
    return TestAgent.spans().stream()
        .filter(span -> span.getInstrumentationScopeInfo().getName().equals("io.tracer.methods"))
        .collect(Collectors.toList());
  }
}
