package io.tracer.agent.sdk;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A started span as {@link UnendedSpanDetector} watches it: held weakly, so that watching keeps no span alive, with
 * what a report needs once the span itself is gone.
 */
final class TrackedSpan extends WeakReference<ReadableSpan> {

  /** Frames shown of where the span was started, after the agent's and the SDK's own. */
  static final int SHOWN_FRAMES = 8;
  /**
   * The agent (not all of {@code io.tracer.}: the demo services live there), the SDK, the application's copy of the
   * API, and the invokedynamic and reflection glue between them.
   */
  private static final String[] AGENT_FRAME_PREFIXES = {"io.tracer.agent.", "io.tracer.bootstrap.",
      "io.tracer.instrumentation.", "io.opentelemetry.", "java.lang.invoke.", "jdk.internal.", "sun.reflect."};

  final String name;
  final SpanKind kind;
  final String traceId;
  final String spanId;
  final String scope;
  final long startNanos;
  /** Filling in a throwable's stack records the frames; they are turned into text only for a span reported. */
  private final Throwable start = new Throwable();

  TrackedSpan(ReadWriteSpan span, long startNanos, ReferenceQueue<? super ReadableSpan> collected) {
    super(span, collected);
    this.name = span.getName();
    this.kind = span.getKind();
    this.traceId = span.getSpanContext().getTraceId();
    this.spanId = span.getSpanContext().getSpanId();
    InstrumentationScopeInfo scopeInfo = span.getInstrumentationScopeInfo();
    this.scope = scopeInfo.getVersion() == null ? scopeInfo.getName()
        : scopeInfo.getName() + " " + scopeInfo.getVersion();
    this.startNanos = startNanos;
  }

  /** The starting thread's stack, innermost first, from the first frame that is neither the agent's nor the SDK's. */
  String startedAt() {
    StackTraceElement[] frames = start.getStackTrace();
    int first = 0;
    while (first < frames.length && isAgentFrame(frames[first].getClassName())) {
      first++;
    }
    if (first == frames.length) {
      first = 0;
    }
    int end = Math.min(frames.length, first + SHOWN_FRAMES);
    StringBuilder text = new StringBuilder();
    for (int i = first; i < end; i++) {
      if (i > first) {
        text.append(" < ");
      }
      StackTraceElement frame = frames[i];
      text.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(')
          .append(frame.getFileName() == null ? "Unknown Source" : frame.getFileName());
      if (frame.getFileName() != null && frame.getLineNumber() >= 0) {
        text.append(':').append(frame.getLineNumber());
      }
      text.append(')');
    }
    if (end < frames.length) {
      text.append(" < ... ").append(frames.length - end).append(" more");
    }
    return text.toString();
  }

  private static boolean isAgentFrame(String className) {
    for (String prefix : AGENT_FRAME_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
