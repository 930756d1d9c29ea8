package io.tracer.instrumentation.api.logs;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.CorrelationId;

/**
 * The entries a log record gets in its library's context map (Logback's MDC, Log4j 2's context data), so that a
 * log line can be found from its trace and back: {@code trace_id}, {@code span_id}, {@code trace_flags} of the
 * current span, and {@code correlation_id} when the context carries one.
 */
public final class LogContext {

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";

  private LogContext() {}

  /**
   * Key, value, key, value... for {@code context}; {@code null} when it has neither a valid span nor a correlation
   * id, so that a record outside any trace costs nothing.
   */
  public static String[] entries(Context context) {
    SpanContext span = Span.fromContext(context).getSpanContext();
    String correlationId = CorrelationId.of(context);
    if (!span.isValid()) {
      return correlationId == null ? null : new String[] {CorrelationId.BAGGAGE_KEY, correlationId};
    }
    if (correlationId == null) {
      return new String[] {TRACE_ID, span.getTraceId(), SPAN_ID, span.getSpanId(),
          TRACE_FLAGS, span.getTraceFlags().asHex()};
    }
    return new String[] {TRACE_ID, span.getTraceId(), SPAN_ID, span.getSpanId(),
        TRACE_FLAGS, span.getTraceFlags().asHex(), CorrelationId.BAGGAGE_KEY, correlationId};
  }
}
