package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleTraceRendererTest {

  private final TestClock clock = TestClock.create();
  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .setClock(clock)
      .setResource(Resource.create(Attributes.of(TracerResource.SERVICE_NAME, "orders-service")))
      .addSpanProcessor(SimpleSpanProcessor.create(exported))
      .build();
  private final Tracer tracer = tracerProvider.get("test");
  private final ConsoleTraceRenderer renderer = new ConsoleTraceRenderer();

  @AfterEach
  void shutdown() {
    tracerProvider.shutdown();
  }

  private Span start(String name, SpanKind kind, Span parent) {
    return tracer.spanBuilder(name).setSpanKind(kind)
        .setParent(parent == null ? Context.root() : Context.root().with(parent)).startSpan();
  }

  private void elapse(long millis, long micros) {
    clock.advance(Duration.ofMillis(millis).plusNanos(micros * 1000));
  }

  @Test
  void rendersAServerRequestAsATreeWithKeyAttributesAndTheError() {
    Span server = start("GET /orders/{id}", SpanKind.SERVER, null);
    server.setAttribute("http.request.method", "GET");
    server.setAttribute("http.route", "/orders/{id}");
    server.setAttribute("user_agent.original", "curl/8.0");
    elapse(1, 0);
    Span query = start("SELECT shop.orders", SpanKind.CLIENT, server);
    query.setAttribute("db.system.name", "postgresql");
    query.setAttribute("db.query.text", "select * from orders where id = ?");
    elapse(12, 140);
    query.end();
    Span nested = start("load customer", SpanKind.INTERNAL, server);
    Span call = start("POST", SpanKind.CLIENT, nested);
    call.setAttribute(AttributeKey.longKey("http.response.status_code"), 503L);
    call.recordException(new ConnectException("Connection refused"));
    call.setStatus(StatusCode.ERROR);
    elapse(30, 0);
    call.end();
    nested.end();
    elapse(9, 0);
    server.setAttribute(AttributeKey.longKey("http.response.status_code"), 500L);
    server.setStatus(StatusCode.ERROR, "downstream failed");
    server.end();
    List<SpanData> spans = exported.getFinishedSpanItems();

    String text = renderer.renderTrace(spans, 0, true);

    assertEquals("[orders-service] trace " + spans.get(0).getTraceId() + "\n"
        + "  GET /orders/{id}  SERVER  52.1 ms  http.request.method=GET http.route=/orders/{id}"
        + " http.response.status_code=500  ✗ ERROR downstream failed\n"
        + "  ├─ SELECT shop.orders  CLIENT  12.1 ms  db.system.name=postgresql"
        + " db.query.text=\"select * from orders where id = ?\"\n"
        + "  └─ load customer  INTERNAL  30.0 ms\n"
        + "     └─ POST  CLIENT  30.0 ms  http.response.status_code=503  ✗ ERROR java.net.ConnectException:"
        + " Connection refused\n", text);
  }

  @Test
  void spansWhoseParentIsNotAmongThemAreShownAtTheTop() {
    Span server = start("GET /", SpanKind.SERVER, null);
    Span late = start("async work", SpanKind.INTERNAL, server);
    elapse(2, 0);
    late.end();
    List<SpanData> lateOnly = exported.getFinishedSpanItems();

    String text = renderer.renderContinuation(lateOnly);

    assertEquals("[orders-service] trace " + lateOnly.get(0).getTraceId() + " (continued)\n"
        + "  async work  INTERNAL  2.0 ms\n", text);
    server.end();
  }

  @Test
  void saysWhatWasLeftOutAndWhenTheRootHadNotEnded() {
    Span server = start("GET /", SpanKind.SERVER, null);
    Span child = start("step", SpanKind.INTERNAL, server);
    child.setAttribute("db.query.text", "x".repeat(200));
    child.end();

    String text = renderer.renderTrace(exported.getFinishedSpanItems(), 3, false);

    assertEquals("[orders-service] trace " + child.getSpanContext().getTraceId()
        + " (incomplete: its local root had not ended)\n"
        + "  step  INTERNAL  0.0 ms  db.query.text=" + "x".repeat(120) + "…\n"
        + "  … 3 more spans not shown\n", text);
    server.end();
  }
}
