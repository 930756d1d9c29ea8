package io.tracer.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** A span to log in, and what the tests assert about the spans the logging ended in. */
final class Traced {

  private Traced() {}

  /** Runs {@code work} in a new span named {@code name}, with {@code correlationId} in baggage unless null. */
  static Span run(String name, String correlationId, Runnable work) {
    Context parent = Context.current();
    if (correlationId != null) {
      parent = parent.with(Baggage.builder().put("correlation_id", correlationId).build());
    }
    Span span = AgentServices.tracer("test").spanBuilder(name).setParent(parent).startSpan();
    try (Scope ignored = parent.with(span).makeCurrent()) {
      work.run();
    } finally {
      span.end();
    }
    return span;
  }

  static SpanData finished(String name) {
    return TestAgent.awaitSpans(span -> span.getName().equals(name), 1, Duration.ofSeconds(5)).get(0);
  }

  static List<EventData> logEvents(SpanData span) {
    return span.getEvents().stream().filter(event -> event.getName().equals("log")).collect(Collectors.toList());
  }

  static String attribute(EventData event, String key) {
    return event.getAttributes().get(AttributeKey.stringKey(key));
  }

  /** The oldest-version run sets {@code otel.instrumentation.logs.mark-span-error}; the default is off. */
  static void assertErrorMarking(SpanData span) {
    boolean marking = Boolean.getBoolean("otel.instrumentation.logs.mark-span-error");
    assertEquals(marking ? StatusCode.ERROR : StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  static void assertLoadedFrom(Class<?> libraryClass, String jarName) {
    String location = libraryClass.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(location.endsWith(jarName), location);
  }
}
