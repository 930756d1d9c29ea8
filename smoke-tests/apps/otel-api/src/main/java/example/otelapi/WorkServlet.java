package example.otelapi;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Uses the OpenTelemetry API as an application would, inside the agent's SERVER span, and answers one
 * {@code key=value} line for each thing it saw: the test compares them with the spans that arrive.
 */
final class WorkServlet extends HttpServlet {

  private static final ContextKey<String> TENANT = ContextKey.named("app.tenant");
  /** A parent from another service, as the app's own messaging code would read it from a message. */
  static final String REMOTE_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

  private final Inventory inventory;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  WorkServlet(Inventory inventory) {
    this.inventory = inventory;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, String> report = new LinkedHashMap<>();
    report.put("opentelemetry-api.jar", jarOf(GlobalOpenTelemetry.class));
    report.put("server.trace_id", Span.current().getSpanContext().getTraceId());
    report.put("server.span_id", Span.current().getSpanContext().getSpanId());
    report.put("baggage.correlation_id", Baggage.current().getEntryValue("correlation_id"));

    Tracer tracer = GlobalOpenTelemetry.getTracer("example.otelapi", "1.0");
    Span work = tracer.spanBuilder("work")
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute("app.order.id", 42L)
        .setAttribute(AttributeKey.stringKey("app.customer"), "c-7")
        .startSpan();
    try (Scope scope = work.makeCurrent()) {
      report.put("work.trace_id", Span.current().getSpanContext().getTraceId());
      report.put("work.span_id", Span.current().getSpanContext().getSpanId());
      report.put("work.sampled", String.valueOf(Span.current().getSpanContext().isSampled()));
      report.put("hello.result", callHello(request.getLocalPort()));
      report.put("inventory.span_id", inventory.check("book"));
      report.put("traceparent", injectedTraceparent());
      try (Scope tenant = Context.current().with(TENANT, "acme").makeCurrent()) {
        report.put("tenant.same_thread", Context.current().get(TENANT));
        report.put("tenant.other_thread", executor.submit(() -> Context.current().get(TENANT)).get());
      } catch (Exception e) {
        report.put("tenant.other_thread", "failed: " + e);
      }
      work.addEvent("stock checked", Attributes.of(AttributeKey.longKey("app.items"), 3L));
      work.recordException(new IllegalStateException("out of stock"));
      work.setStatus(StatusCode.ERROR, "out of stock");
    } finally {
      work.end();
    }
    report.put("after.span_id", Span.current().getSpanContext().getSpanId());
    startRemoteChild(tracer);

    StringBuilder body = new StringBuilder();
    report.forEach((key, value) -> body.append(key).append('=').append(value).append('\n'));
    response.setContentType("text/plain");
    response.getWriter().write(body.toString());
  }

  private static String callHello(int port) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/hello").toURL().openConnection();
    try (InputStream in = connection.getInputStream()) {
      return connection.getResponseCode() + " " + new String(in.readAllBytes());
    } finally {
      connection.disconnect();
    }
  }

  private static String injectedTraceparent() {
    Map<String, String> headers = new HashMap<>();
    GlobalOpenTelemetry.getPropagators().getTextMapPropagator()
        .inject(Context.current(), headers, Map::put);
    return headers.get("traceparent");
  }

  /** A span whose parent the app extracted itself, from headers it received on its own. */
  private static void startRemoteChild(Tracer tracer) {
    TextMapPropagator propagator = GlobalOpenTelemetry.getPropagators().getTextMapPropagator();
    Context extracted = propagator.extract(Context.root(), Map.of("traceparent", REMOTE_TRACEPARENT),
        new TextMapGetter<Map<String, String>>() {
          @Override
          public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
          }

          @Override
          public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
          }
        });
    tracer.spanBuilder("remote-child").setParent(extracted).setSpanKind(SpanKind.CONSUMER).startSpan().end();
  }

  private static String jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getName();
    } catch (URISyntaxException | RuntimeException e) {
      return "unknown: " + e;
    }
  }
}
