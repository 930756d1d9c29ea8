package io.tracer.instrumentation.api.bridge;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's spans, for the bridge of the application's own OpenTelemetry API. That bridge sees the application's
 * copy of the API, never ours, so every method here takes and returns JDK types only: the agent's tracers, spans,
 * span contexts and contexts travel as {@code Object} handles. Attributes travel flat, as
 * {@code {name, type, value, name, type, value, ...}} with the type's name ({@code STRING}, {@code LONG_ARRAY}, ...)
 * and a value of the JDK type the API gives it ({@code String}, {@code Long}, {@code List<Double>}, ...).
 */
public final class AgentSpans {

  /** In place of a timestamp: the clock's now. */
  public static final long NOW = -1;

  private AgentSpans() {}

  public static Object tracer(String scopeName, String scopeVersion) {
    return AgentServices.applicationTracer(scopeName, scopeVersion);
  }

  /**
   * @param parentContext the agent context whose span is the parent (its root for none)
   * @param links {@code {spanContext, attributes, spanContext, attributes, ...}}
   */
  public static Object start(Object tracer, String name, Object parentContext, String kind, Object[] attributes,
      Object[] links, long startEpochNanos) {
    SpanBuilder builder = ((Tracer) tracer).spanBuilder(name).setParent((Context) parentContext);
    SpanKind spanKind = spanKind(kind);
    if (spanKind != null) {
      builder.setSpanKind(spanKind);
    }
    for (int i = 0; i + 2 < attributes.length; i += 3) {
      AttributeKey<Object> key = key((String) attributes[i], (String) attributes[i + 1]);
      Object value = value((String) attributes[i + 1], attributes[i + 2]);
      if (value != null) {
        builder.setAttribute(key, value);
      }
    }
    for (int i = 0; i + 1 < links.length; i += 2) {
      builder.addLink((SpanContext) links[i], attributes((Object[]) links[i + 1]));
    }
    if (startEpochNanos != NOW) {
      builder.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
    }
    return builder.startSpan();
  }

  public static void setAttribute(Object span, String name, String type, Object value) {
    Object converted = value(type, value);
    if (converted != null) {
      ((Span) span).setAttribute(key(name, type), converted);
    }
  }

  public static void addEvent(Object span, String name, Object[] attributes, long epochNanos) {
    if (epochNanos == NOW) {
      ((Span) span).addEvent(name, attributes(attributes));
    } else {
      ((Span) span).addEvent(name, attributes(attributes), epochNanos, TimeUnit.NANOSECONDS);
    }
  }

  public static void addLink(Object span, Object spanContext, Object[] attributes) {
    ((Span) span).addLink((SpanContext) spanContext, attributes(attributes));
  }

  public static void setStatus(Object span, String code, String description) {
    StatusCode statusCode;
    try {
      statusCode = StatusCode.valueOf(code);
    } catch (IllegalArgumentException unknown) {
      return;
    }
    if (description == null) {
      ((Span) span).setStatus(statusCode);
    } else {
      ((Span) span).setStatus(statusCode, description);
    }
  }

  public static void recordException(Object span, Throwable exception, Object[] attributes) {
    ((Span) span).recordException(exception, attributes(attributes));
  }

  public static void updateName(Object span, String name) {
    ((Span) span).updateName(name);
  }

  public static void end(Object span, long epochNanos) {
    if (epochNanos == NOW) {
      ((Span) span).end();
    } else {
      ((Span) span).end(epochNanos, TimeUnit.NANOSECONDS);
    }
  }

  public static boolean isRecording(Object span) {
    return ((Span) span).isRecording();
  }

  public static Object spanContext(Object span) {
    return ((Span) span).getSpanContext();
  }

  /** A span that only carries a context the application made (a parent it extracted itself, another SDK's span). */
  public static Object wrap(Object spanContext) {
    return Span.wrap((SpanContext) spanContext);
  }

  public static String traceId(Object spanContext) {
    return ((SpanContext) spanContext).getTraceId();
  }

  public static String spanId(Object spanContext) {
    return ((SpanContext) spanContext).getSpanId();
  }

  public static byte traceFlags(Object spanContext) {
    return ((SpanContext) spanContext).getTraceFlags().asByte();
  }

  public static boolean isRemote(Object spanContext) {
    return ((SpanContext) spanContext).isRemote();
  }

  /** @return {@code {key, value, key, value, ...}}, in the trace state's order */
  public static String[] traceState(Object spanContext) {
    TraceState traceState = ((SpanContext) spanContext).getTraceState();
    if (traceState.isEmpty()) {
      return new String[0];
    }
    final String[] entries = new String[traceState.size() * 2];
    final int[] next = {0};
    traceState.forEach((key, value) -> {
      entries[next[0]++] = key;
      entries[next[0]++] = value;
    });
    return entries;
  }

  /** @param traceState {@code {key, value, key, value, ...}}, in order */
  public static Object newSpanContext(String traceId, String spanId, byte traceFlags, boolean remote,
      String[] traceState) {
    TraceState state = TraceState.getDefault();
    if (traceState.length > 0) {
      TraceStateBuilder builder = TraceState.builder();
      // the builder puts each new key first: add from the last to keep the order
      for (int i = traceState.length - 2; i >= 0; i -= 2) {
        builder.put(traceState[i], traceState[i + 1]);
      }
      state = builder.build();
    }
    TraceFlags flags = TraceFlags.fromByte(traceFlags);
    return remote
        ? SpanContext.createFromRemoteParent(traceId, spanId, flags, state)
        : SpanContext.create(traceId, spanId, flags, state);
  }

  static Attributes attributes(Object[] flat) {
    if (flat == null || flat.length == 0) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i + 2 < flat.length; i += 3) {
      Object value = value((String) flat[i + 1], flat[i + 2]);
      if (value != null) {
        builder.put(key((String) flat[i], (String) flat[i + 1]), value);
      }
    }
    return builder.build();
  }

  private static SpanKind spanKind(String kind) {
    if (kind == null) {
      return null;
    }
    try {
      return SpanKind.valueOf(kind);
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static AttributeKey<Object> key(String name, String type) {
    AttributeKey<?> key;
    switch (type) {
      case "BOOLEAN":
        key = AttributeKey.booleanKey(name);
        break;
      case "LONG":
        key = AttributeKey.longKey(name);
        break;
      case "DOUBLE":
        key = AttributeKey.doubleKey(name);
        break;
      case "STRING_ARRAY":
        key = AttributeKey.stringArrayKey(name);
        break;
      case "BOOLEAN_ARRAY":
        key = AttributeKey.booleanArrayKey(name);
        break;
      case "LONG_ARRAY":
        key = AttributeKey.longArrayKey(name);
        break;
      case "DOUBLE_ARRAY":
        key = AttributeKey.doubleArrayKey(name);
        break;
      default:
        key = AttributeKey.stringKey(name);
        break;
    }
    return (AttributeKey<Object>) key;
  }

  /**
   * @return the value as the type's key expects it, or {@code null} for a value of another type (raw generics
   *     let an application pass one), which the exporter would fail on later
   */
  private static Object value(String type, Object value) {
    if (value == null) {
      return null;
    }
    switch (type) {
      case "BOOLEAN":
        return value instanceof Boolean ? value : null;
      case "LONG":
        return value instanceof Number ? (Object) ((Number) value).longValue() : null;
      case "DOUBLE":
        return value instanceof Number ? (Object) ((Number) value).doubleValue() : null;
      case "STRING_ARRAY":
      case "BOOLEAN_ARRAY":
      case "LONG_ARRAY":
      case "DOUBLE_ARRAY":
        return value instanceof List ? value : null;
      default:
        return value instanceof String ? value : String.valueOf(value);
    }
  }
}
