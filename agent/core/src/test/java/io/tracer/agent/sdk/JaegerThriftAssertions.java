package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Log;
import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.Tag;
import io.jaegertracing.thriftjava.TagType;
import java.util.List;

/** What {@link TracedScenario} must look like once decoded with Jaeger's own Thrift classes, by either transport. */
final class JaegerThriftAssertions {

  private JaegerThriftAssertions() {}

  static void assertScenario(TracedScenario scenario, List<Span> spans, Batch batch) {
    assertEquals("exporter-test", batch.getProcess().getServiceName());
    assertEquals("java", tag(batch.getProcess().getTags(), "telemetry.sdk.language").getVStr());
    assertTrue(batch.getProcess().getTags().stream().noneMatch(t -> t.getKey().equals("service.name")));
    assertEquals(2, spans.size(), spans.toString());

    Span server = span(spans, scenario.serverSpanId);
    Span client = span(spans, scenario.clientSpanId);
    long traceHigh = Long.parseUnsignedLong(TracedScenario.TRACE_ID.substring(0, 16), 16);
    long traceLow = Long.parseUnsignedLong(TracedScenario.TRACE_ID.substring(16), 16);
    for (Span span : spans) {
      assertEquals(traceHigh, span.getTraceIdHigh());
      assertEquals(traceLow, span.getTraceIdLow());
      assertEquals(1, span.getFlags());
    }

    assertEquals("GET /orders/{id}", server.getOperationName());
    assertEquals(Long.parseUnsignedLong(TracedScenario.REMOTE_PARENT_ID, 16), server.getParentSpanId());
    assertEquals(TracedScenario.SERVER_START_MICROS, server.getStartTime());
    assertEquals(TracedScenario.SERVER_DURATION_MICROS, server.getDuration());
    assertEquals(List.of(
        new SpanRef(SpanRefType.CHILD_OF, traceLow, traceHigh, Long.parseUnsignedLong(TracedScenario.REMOTE_PARENT_ID,
            16)),
        new SpanRef(SpanRefType.FOLLOWS_FROM, Long.parseUnsignedLong(TracedScenario.LINKED_TRACE_ID.substring(16), 16),
            Long.parseUnsignedLong(TracedScenario.LINKED_TRACE_ID.substring(0, 16), 16),
            Long.parseUnsignedLong(TracedScenario.LINKED_SPAN_ID, 16))),
        server.getReferences());
    List<Tag> serverTags = server.getTags();
    assertEquals("server", tag(serverTags, "span.kind").getVStr());
    assertEquals("GET", tag(serverTags, "http.request.method").getVStr());
    assertEquals(TagType.LONG, tag(serverTags, "http.response.status_code").getVType());
    assertEquals(200, tag(serverTags, "http.response.status_code").getVLong());
    assertEquals(TagType.DOUBLE, tag(serverTags, "sampling.ratio").getVType());
    assertEquals(0.5, tag(serverTags, "sampling.ratio").getVDouble());
    assertEquals(TagType.BOOL, tag(serverTags, "cache.hit").getVType());
    assertTrue(tag(serverTags, "cache.hit").isVBool());
    assertEquals("[\"new\",\"say \\\"hi\\\"\"]", tag(serverTags, "orders.tags").getVStr());
    assertEquals("exporter-test", tag(serverTags, "otel.scope.name").getVStr());
    assertEquals("1.2.3", tag(serverTags, "otel.scope.version").getVStr());
    assertTrue(serverTags.stream().noneMatch(t -> t.getKey().equals("error") || t.getKey().startsWith("otel.status")));
    assertFalse(server.isSetLogs());

    assertEquals("SELECT orders", client.getOperationName());
    long serverId = Long.parseUnsignedLong(scenario.serverSpanId, 16);
    assertEquals(serverId, client.getParentSpanId());
    assertEquals(List.of(new SpanRef(SpanRefType.CHILD_OF, traceLow, traceHigh, serverId)), client.getReferences());
    assertEquals(TracedScenario.CLIENT_START_MICROS, client.getStartTime());
    assertEquals(TracedScenario.CLIENT_DURATION_MICROS, client.getDuration());
    List<Tag> clientTags = client.getTags();
    assertEquals("client", tag(clientTags, "span.kind").getVStr());
    assertEquals("postgresql", tag(clientTags, "db.system.name").getVStr());
    assertEquals("ERROR", tag(clientTags, "otel.status_code").getVStr());
    assertEquals("connection reset", tag(clientTags, "otel.status_description").getVStr());
    assertEquals(TagType.BOOL, tag(clientTags, "error").getVType());
    assertTrue(tag(clientTags, "error").isVBool());
    assertEquals(1, client.getLogsSize());
    Log exception = client.getLogs().get(0);
    assertTrue(exception.getTimestamp() > 0);
    assertEquals("exception", tag(exception.getFields(), "event").getVStr());
    assertEquals("java.lang.IllegalStateException", tag(exception.getFields(), "exception.type").getVStr());
    assertEquals("connection reset", tag(exception.getFields(), "exception.message").getVStr());
    assertTrue(tag(exception.getFields(), "exception.stacktrace").getVStr().contains("TracedScenario.run"));
    assertTrue(tag(exception.getFields(), "exception.escaped").isVBool());
  }

  static Span span(List<Span> spans, String spanIdHex) {
    long id = Long.parseUnsignedLong(spanIdHex, 16);
    return spans.stream().filter(s -> s.getSpanId() == id).findFirst()
        .orElseThrow(() -> new AssertionError("no span " + spanIdHex + " in " + spans));
  }

  static Tag tag(List<Tag> tags, String key) {
    Tag found = tags.stream().filter(t -> t.getKey().equals(key)).findFirst().orElse(null);
    assertNotNull(found, "no tag " + key + " in " + tags);
    return found;
  }
}
