package io.tracer.instrumentation.withspan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.methods.Annotated;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the real {@code opentelemetry-instrumentation-annotations} and {@code opentelemetry-extension-annotations}. */
class WithSpanTracingTest {

  @BeforeAll
  static void installAgent() {
    TestAgent.install();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
  }

  @Test
  void anAnnotatedMethodIsAnInternalSpanNamedAfterItUnderTheCaller() {
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      assertEquals("plain", new Annotated().plain());
      new Annotated().notAnnotated();
    } finally {
      request.end();
    }
    List<SpanData> spans = annotationSpans();
    assertEquals(1, spans.size(), spans.toString());
    SpanData span = spans.get(0);
    assertEquals("Annotated.plain", span.getName());
    assertEquals(SpanKind.INTERNAL, span.getKind());
    assertEquals("example.methods.Annotated.plain",
        span.getAttributes().get(AttributeKey.stringKey("code.function.name")));
    assertEquals(request.getSpanContext().getSpanId(), span.getParentSpanId());
    assertEquals(request.getSpanContext().getTraceId(), span.getTraceId());
  }

  @Test
  void theAnnotationNamesTheSpanAndItsKindAndParametersBecomeAttributes() {
    new Annotated().named(42, "acme", true, 9.5, null, "ignored");
    SpanData span = annotationSpans().get(0);
    assertEquals("send order", span.getName());
    assertEquals(SpanKind.PRODUCER, span.getKind());
    Attributes attributes = span.getAttributes();
    assertEquals(42L, attributes.get(AttributeKey.longKey("order.id")));
    assertEquals("acme", attributes.get(AttributeKey.stringKey("customer")), "named after the parameter");
    assertEquals(true, attributes.get(AttributeKey.booleanKey("order.express")));
    assertEquals(9.5, attributes.get(AttributeKey.doubleKey("order.total")));
    assertNull(attributes.get(AttributeKey.stringKey("order.note")), "a null argument is no attribute");
    assertEquals(5, attributes.size(), "code.function.name and four arguments: " + attributes);
  }

  @Test
  void inheritContextFalseStartsANewTrace() {
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      new Annotated().detached();
    } finally {
      request.end();
    }
    SpanData span = annotationSpans().get(0);
    assertFalse(span.getParentSpanContext().isValid());
    assertTrue(!span.getTraceId().equals(request.getSpanContext().getTraceId()));
  }

  @Test
  void aThrownExceptionReachesTheCallerAndMarksTheSpan() {
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> new Annotated().failing());
    assertEquals("annotated failure", thrown.getMessage());
    SpanData span = annotationSpans().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalStateException",
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void aFutureReturnedEndsTheSpanWhenItCompletes() {
    CompletableFuture<String> result = new CompletableFuture<>();
    assertTrue(new Annotated().later(result) == result, "the application gets its own future");
    assertTrue(annotationSpans().isEmpty(), "open until the future completes");
    result.completeExceptionally(new IllegalArgumentException("later failure"));
    SpanData span = annotationSpans().get(0);
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertEquals("java.lang.IllegalArgumentException",
        span.getAttributes().get(AttributeKey.stringKey("error.type")));
  }

  @Test
  void annotatedMethodsCallingEachOtherNest() {
    new Annotated().outer();
    List<SpanData> spans = annotationSpans();
    SpanData outer = spans.stream().filter(span -> span.getName().equals("Annotated.outer")).findFirst().orElseThrow();
    SpanData inner = spans.stream().filter(span -> span.getName().equals("Annotated.plain")).findFirst().orElseThrow();
    assertEquals(outer.getSpanId(), inner.getParentSpanId());
  }

  @Test
  void theOlderExtensionAnnotationsWorkToo() {
    new Annotated().legacy("v1");
    SpanData span = annotationSpans().get(0);
    assertEquals("legacy span", span.getName());
    assertEquals("v1", span.getAttributes().get(AttributeKey.stringKey("legacy.value")));
  }

  private static List<SpanData> annotationSpans() {
    return TestAgent.spans().stream()
        .filter(span -> span.getInstrumentationScopeInfo().getName().equals("io.tracer.annotations"))
        .collect(Collectors.toList());
  }
}
