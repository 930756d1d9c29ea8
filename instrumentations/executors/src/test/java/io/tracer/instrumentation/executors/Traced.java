package io.tracer.instrumentation.executors;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.util.concurrent.Callable;

/** A request span around test code, and what a task sees of the current context. */
final class Traced {

  private Traced() {}

  static Tracer tracer() {
    TestAgent.install();
    return AgentServices.tracer("executors-test");
  }

  /** Runs {@code work} inside a fresh span, ended afterwards; returns what work returned. */
  static <T> T inSpan(String name, SpanWork<T> work) throws Exception {
    Span span = tracer().spanBuilder(name).setParent(Context.root()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.run(span.getSpanContext());
    } finally {
      span.end();
    }
  }

  /** What a task records: the span context current where it runs, invalid when no span is. */
  static SpanContext seen() {
    return Span.current().getSpanContext();
  }

  /** The current context is the root one: no span, no baggage, nothing leaked. */
  static boolean nothingCurrent() {
    return Context.current() == Context.root();
  }

  static Callable<SpanContext> seeing() {
    return Traced::seen;
  }

  /** Code run inside a request span, given that span. */
  interface SpanWork<T> {
    T run(SpanContext request) throws Exception;
  }
}
