package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the spans of one trace into a tree a developer reads at a glance on the console:
 *
 * <pre>
 * [orders-service] trace 4bf92f3577b34da6a3ce929d0e0e4736
 *   GET /orders/{id}  SERVER  52.3 ms  http.request.method=GET http.route=/orders/{id} http.response.status_code=200
 *   ├─ SELECT shop.orders  CLIENT  12.1 ms  db.system.name=postgresql db.query.text="select * from orders where id=?"
 *   └─ POST  CLIENT  30.0 ms  ✗ ERROR java.net.ConnectException: Connection refused
 * </pre>
 *
 * Pure: spans in, text out, nothing printed here.
 */
final class ConsoleTraceRenderer {

  /** The attributes that say what a span did; the rest are in the backend. */
  private static final List<AttributeKey<?>> KEY_ATTRIBUTES = Arrays.<AttributeKey<?>>asList(
      AttributeKey.stringKey("http.request.method"),
      AttributeKey.stringKey("http.route"),
      AttributeKey.stringKey("url.path"),
      AttributeKey.stringKey("url.full"),
      AttributeKey.longKey("http.response.status_code"),
      AttributeKey.stringKey("db.system.name"),
      AttributeKey.stringKey("db.namespace"),
      AttributeKey.stringKey("db.query.text"),
      AttributeKey.stringKey("messaging.system"),
      AttributeKey.stringKey("messaging.destination.name"),
      AttributeKey.stringKey("messaging.operation.type"));
  private static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
  private static final int MAX_VALUE_LENGTH = 120;
  private static final Comparator<SpanData> BY_START = new Comparator<SpanData>() {
    @Override
    public int compare(SpanData left, SpanData right) {
      return Long.compare(left.getStartEpochNanos(), right.getStartEpochNanos());
    }
  };

  /**
   * @param omittedSpans spans of this trace that were not kept (the per-trace bound), said at the end
   * @param complete false when printed before its local root ended (buffer bounds, shutdown)
   */
  String renderTrace(List<SpanData> spans, int omittedSpans, boolean complete) {
    StringBuilder text = header(spans, complete ? "" : " (incomplete: its local root had not ended)");
    tree(spans, text);
    if (omittedSpans > 0) {
      text.append("  … ").append(omittedSpans).append(" more span").append(omittedSpans == 1 ? "" : "s")
          .append(" not shown\n");
    }
    return text.toString();
  }

  /** Spans of a trace whose tree was already printed: they ended after its local root. */
  String renderContinuation(List<SpanData> spans) {
    StringBuilder text = header(spans, " (continued)");
    tree(spans, text);
    return text.toString();
  }

  private static StringBuilder header(List<SpanData> spans, String note) {
    SpanData any = spans.get(0);
    String service = any.getResource().getAttribute(TracerResource.SERVICE_NAME);
    return new StringBuilder(256).append('[').append(service == null ? TracerResource.UNKNOWN_SERVICE : service)
        .append("] trace ").append(any.getTraceId()).append(note).append('\n');
  }

  /** Children under their parent in start order; a span whose parent is not among {@code spans} is a root here. */
  private static void tree(List<SpanData> spans, StringBuilder text) {
    Set<String> present = new HashSet<>();
    for (SpanData span : spans) {
      present.add(span.getSpanId());
    }
    Map<String, List<SpanData>> children = new HashMap<>();
    List<SpanData> roots = new ArrayList<>();
    for (SpanData span : spans) {
      String parentId = span.getParentSpanId();
      if (present.contains(parentId) && !parentId.equals(span.getSpanId())) {
        List<SpanData> siblings = children.get(parentId);
        if (siblings == null) {
          siblings = new ArrayList<>();
          children.put(parentId, siblings);
        }
        siblings.add(span);
      } else {
        roots.add(span);
      }
    }
    Collections.sort(roots, BY_START);
    for (SpanData root : roots) {
      line(root, "  ", text);
      descendants(root, "  ", children, text);
    }
  }

  private static void descendants(SpanData parent, String indent, Map<String, List<SpanData>> children,
      StringBuilder text) {
    List<SpanData> own = children.remove(parent.getSpanId());
    if (own == null) {
      return;
    }
    Collections.sort(own, BY_START);
    for (int i = 0; i < own.size(); i++) {
      boolean last = i == own.size() - 1;
      line(own.get(i), indent + (last ? "└─ " : "├─ "), text);
      descendants(own.get(i), indent + (last ? "   " : "│  "), children, text);
    }
  }

  private static void line(SpanData span, String prefix, StringBuilder text) {
    text.append(prefix).append(span.getName()).append("  ").append(span.getKind()).append("  ");
    appendMillis(span.getEndEpochNanos() - span.getStartEpochNanos(), text);
    Attributes attributes = span.getAttributes();
    String separator = "  ";
    for (AttributeKey<?> key : KEY_ATTRIBUTES) {
      Object value = attributes.get(key);
      if (value != null) {
        text.append(separator).append(key.getKey()).append('=');
        appendValue(String.valueOf(value), text);
        separator = " ";
      }
    }
    if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
      text.append("  ✗ ERROR");
      appendError(span, text);
    }
    text.append('\n');
  }

  private static void appendError(SpanData span, StringBuilder text) {
    for (EventData event : span.getEvents()) {
      if ("exception".equals(event.getName())) {
        String type = event.getAttributes().get(EXCEPTION_TYPE);
        String message = event.getAttributes().get(EXCEPTION_MESSAGE);
        text.append(' ').append(type == null ? "exception" : type);
        if (message != null) {
          text.append(": ");
          appendTruncated(message, text);
        }
        return;
      }
    }
    String description = span.getStatus().getDescription();
    if (description != null && !description.isEmpty()) {
      text.append(' ');
      appendTruncated(description, text);
    }
  }

  /** Tenths of a millisecond, without String.format: its locale would print a comma in some countries. */
  private static void appendMillis(long nanos, StringBuilder text) {
    long tenths = (Math.max(0, nanos) + 50_000) / 100_000;
    text.append(tenths / 10).append('.').append(tenths % 10).append(" ms");
  }

  private static void appendValue(String value, StringBuilder text) {
    boolean quote = value.isEmpty() || value.indexOf(' ') >= 0 || value.indexOf('"') >= 0;
    if (quote) {
      text.append('"');
    }
    appendTruncated(value, text);
    if (quote) {
      text.append('"');
    }
  }

  private static void appendTruncated(String value, StringBuilder text) {
    String oneLine = value.replace('\n', ' ').replace('\r', ' ');
    if (oneLine.length() <= MAX_VALUE_LENGTH) {
      text.append(oneLine);
    } else {
      text.append(oneLine, 0, MAX_VALUE_LENGTH).append('…');
    }
  }
}
