package io.tracer.agent.sdk;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry spans as the structs of Jaeger's Thrift IDL ({@code jaeger.thrift}: Batch, Process, Span, SpanRef,
 * Tag, Log), mapped as the OpenTelemetry specification's Jaeger section says: the parent is a CHILD_OF reference,
 * links are FOLLOWS_FROM references, events are logs, the kind, status and scope become tags, an error status adds
 * {@code error=true}, array attributes become JSON strings, the resource is the process.
 */
final class JaegerThriftEncoder {

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final String UNKNOWN_SERVICE = "unknown_service:java";

  private static final int CHILD_OF = 0;
  private static final int FOLLOWS_FROM = 1;
  private static final int TAG_STRING = 0;
  private static final int TAG_DOUBLE = 1;
  private static final int TAG_BOOL = 2;
  private static final int TAG_LONG = 3;

  private JaegerThriftEncoder() {}

  /** A batch holds one process: spans are grouped by their resource, which in this agent is always the same one. */
  static Map<Resource, List<SpanData>> byResource(Collection<SpanData> spans) {
    Map<Resource, List<SpanData>> groups = new LinkedHashMap<>();
    for (SpanData span : spans) {
      List<SpanData> group = groups.get(span.getResource());
      if (group == null) {
        group = new ArrayList<>();
        groups.put(span.getResource(), group);
      }
      group.add(span);
    }
    return groups;
  }

  /** Struct {@code Process}: the service name, and every other resource attribute as a tag. */
  static void writeProcess(ThriftWriter out, Resource resource) {
    out.structBegin();
    String serviceName = resource.getAttribute(SERVICE_NAME);
    out.fieldString(1, serviceName == null ? UNKNOWN_SERVICE : serviceName);
    Attributes attributes = resource.getAttributes();
    int tags = attributes.size() - (serviceName == null ? 0 : 1);
    if (tags > 0) {
      out.fieldStructList(2, tags);
      for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
        if (!attribute.getKey().equals(SERVICE_NAME)) {
          writeTag(out, attribute.getKey(), attribute.getValue());
        }
      }
    }
    out.structEnd();
  }

  /** Struct {@code Span}. */
  static void writeSpan(ThriftWriter out, SpanData span) {
    out.structBegin();
    SpanContext context = span.getSpanContext();
    byte[] traceId = context.getTraceIdBytes();
    out.fieldI64(1, longAt(traceId, 8));
    out.fieldI64(2, longAt(traceId, 0));
    out.fieldI64(3, longAt(context.getSpanIdBytes(), 0));
    SpanContext parent = span.getParentSpanContext();
    out.fieldI64(4, parent.isValid() ? longAt(parent.getSpanIdBytes(), 0) : 0);
    out.fieldString(5, span.getName());
    writeReferences(out, parent, span.getLinks());
    out.fieldI32(7, context.isSampled() ? 1 : 0);
    out.fieldI64(8, TimeUnit.NANOSECONDS.toMicros(span.getStartEpochNanos()));
    out.fieldI64(9, TimeUnit.NANOSECONDS.toMicros(span.getEndEpochNanos() - span.getStartEpochNanos()));
    writeTags(out, span);
    writeLogs(out, span.getEvents());
    out.structEnd();
  }

  private static void writeReferences(ThriftWriter out, SpanContext parent, List<LinkData> links) {
    int references = links.size() + (parent.isValid() ? 1 : 0);
    if (references == 0) {
      return;
    }
    out.fieldStructList(6, references);
    if (parent.isValid()) {
      writeReference(out, CHILD_OF, parent);
    }
    for (LinkData link : links) {
      writeReference(out, FOLLOWS_FROM, link.getSpanContext());
    }
  }

  private static void writeReference(ThriftWriter out, int type, SpanContext target) {
    out.structBegin();
    byte[] traceId = target.getTraceIdBytes();
    out.fieldI32(1, type);
    out.fieldI64(2, longAt(traceId, 8));
    out.fieldI64(3, longAt(traceId, 0));
    out.fieldI64(4, longAt(target.getSpanIdBytes(), 0));
    out.structEnd();
  }

  private static void writeTags(ThriftWriter out, SpanData span) {
    List<String[]> extra = new ArrayList<>(4);
    if (span.getKind() != SpanKind.INTERNAL) {
      extra.add(new String[] {"span.kind", span.getKind().name().toLowerCase(Locale.ROOT)});
    }
    StatusData status = span.getStatus();
    if (status.getStatusCode() != StatusCode.UNSET) {
      extra.add(new String[] {"otel.status_code", status.getStatusCode().name()});
    }
    if (!status.getDescription().isEmpty()) {
      extra.add(new String[] {"otel.status_description", status.getDescription()});
    }
    InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
    if (!scope.getName().isEmpty()) {
      extra.add(new String[] {"otel.scope.name", scope.getName()});
    }
    if (scope.getVersion() != null) {
      extra.add(new String[] {"otel.scope.version", scope.getVersion()});
    }
    boolean error = status.getStatusCode() == StatusCode.ERROR;
    Attributes attributes = span.getAttributes();
    int tags = attributes.size() + extra.size() + (error ? 1 : 0);
    if (tags == 0) {
      return;
    }
    out.fieldStructList(10, tags);
    writeAttributeTags(out, attributes);
    for (String[] tag : extra) {
      writeStringTag(out, tag[0], tag[1]);
    }
    if (error) {
      // what Jaeger's UI marks a span red by
      out.structBegin();
      out.fieldString(1, "error");
      out.fieldI32(2, TAG_BOOL);
      out.fieldBool(5, true);
      out.structEnd();
    }
  }

  private static void writeLogs(ThriftWriter out, List<EventData> events) {
    if (events.isEmpty()) {
      return;
    }
    out.fieldStructList(11, events.size());
    for (EventData event : events) {
      out.structBegin();
      out.fieldI64(1, TimeUnit.NANOSECONDS.toMicros(event.getEpochNanos()));
      Attributes attributes = event.getAttributes();
      out.fieldStructList(2, attributes.size() + 1);
      writeStringTag(out, "event", event.getName());
      writeAttributeTags(out, attributes);
      out.structEnd();
    }
  }

  private static void writeAttributeTags(ThriftWriter out, Attributes attributes) {
    for (Map.Entry<AttributeKey<?>, Object> attribute : attributes.asMap().entrySet()) {
      writeTag(out, attribute.getKey(), attribute.getValue());
    }
  }

  /** Struct {@code Tag}: a key, the value's type, and the value in the field of that type. */
  private static void writeTag(ThriftWriter out, AttributeKey<?> key, Object value) {
    switch (key.getType()) {
      case BOOLEAN:
        out.structBegin();
        out.fieldString(1, key.getKey());
        out.fieldI32(2, TAG_BOOL);
        out.fieldBool(5, (Boolean) value);
        out.structEnd();
        break;
      case LONG:
        out.structBegin();
        out.fieldString(1, key.getKey());
        out.fieldI32(2, TAG_LONG);
        out.fieldI64(6, (Long) value);
        out.structEnd();
        break;
      case DOUBLE:
        out.structBegin();
        out.fieldString(1, key.getKey());
        out.fieldI32(2, TAG_DOUBLE);
        out.fieldDouble(4, (Double) value);
        out.structEnd();
        break;
      case STRING:
        writeStringTag(out, key.getKey(), (String) value);
        break;
      default:
        // arrays (and anything newer): Jaeger has no list tag, the specification says a JSON string
        writeStringTag(out, key.getKey(), value instanceof List ? jsonArray((List<?>) value) : String.valueOf(value));
        break;
    }
  }

  private static void writeStringTag(ThriftWriter out, String key, String value) {
    out.structBegin();
    out.fieldString(1, key);
    out.fieldI32(2, TAG_STRING);
    out.fieldString(3, value);
    out.structEnd();
  }

  static String jsonArray(List<?> values) {
    StringBuilder json = new StringBuilder().append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      Object value = values.get(i);
      if (value instanceof String) {
        appendJsonString(json, (String) value);
      } else {
        json.append(value);
      }
    }
    return json.append(']').toString();
  }

  private static void appendJsonString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    json.append('"');
  }

  /** The big-endian 64-bit number at {@code offset}: Jaeger's ids are signed longs of the same bits. */
  private static long longAt(byte[] bytes, int offset) {
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }
}
