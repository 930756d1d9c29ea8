package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same small trace for every exporter's wire test: a SERVER span continuing a remote caller's trace, with
 * attributes of every type and a link, and a CLIENT child that fails with an exception. Fixed timestamps, so that
 * the tests can check times exactly.
 */
final class TracedScenario {

  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String REMOTE_PARENT_ID = "00f067aa0ba902b7";
  static final String LINKED_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String LINKED_SPAN_ID = "b7ad6b7169203331";
  /** 2026-12-01T12:00:00Z, in microseconds. */
  static final long SERVER_START_MICROS = 1_796_126_400_000_000L;
  static final long SERVER_DURATION_MICROS = 25_000;
  static final long CLIENT_START_MICROS = SERVER_START_MICROS + 5_000;
  static final long CLIENT_DURATION_MICROS = 10_000;

  final String serverSpanId;
  final String clientSpanId;

  private TracedScenario(String serverSpanId, String clientSpanId) {
    this.serverSpanId = serverSpanId;
    this.clientSpanId = clientSpanId;
  }

  static TracedScenario run(Tracer tracer) {
    SpanContext remoteParent = SpanContext.createFromRemoteParent(TRACE_ID, REMOTE_PARENT_ID,
        TraceFlags.getSampled(), TraceState.getDefault());
    SpanContext linked = SpanContext.createFromRemoteParent(LINKED_TRACE_ID, LINKED_SPAN_ID,
        TraceFlags.getSampled(), TraceState.getDefault());
    Span server = tracer.spanBuilder("GET /orders/{id}")
        .setParent(Context.root().with(Span.wrap(remoteParent)))
        .setSpanKind(SpanKind.SERVER)
        .addLink(linked)
        .setStartTimestamp(SERVER_START_MICROS, TimeUnit.MICROSECONDS)
        .setAttribute("http.request.method", "GET")
        .setAttribute("http.response.status_code", 200L)
        .setAttribute("sampling.ratio", 0.5)
        .setAttribute("cache.hit", true)
        .setAttribute(AttributeKey.stringArrayKey("orders.tags"), List.of("new", "say \"hi\""))
        .startSpan();
    Span client;
    try (Scope ignored = server.makeCurrent()) {
      client = tracer.spanBuilder("SELECT orders")
          .setSpanKind(SpanKind.CLIENT)
          .setStartTimestamp(CLIENT_START_MICROS, TimeUnit.MICROSECONDS)
          .setAttribute("db.system.name", "postgresql")
          .startSpan();
      client.recordException(new IllegalStateException("connection reset"),
          Attributes.of(AttributeKey.booleanKey("exception.escaped"), true));
      client.setStatus(StatusCode.ERROR, "connection reset");
      client.end(CLIENT_START_MICROS + CLIENT_DURATION_MICROS, TimeUnit.MICROSECONDS);
    }
    server.end(SERVER_START_MICROS + SERVER_DURATION_MICROS, TimeUnit.MICROSECONDS);
    return new TracedScenario(server.getSpanContext().getSpanId(), client.getSpanContext().getSpanId());
  }
}
