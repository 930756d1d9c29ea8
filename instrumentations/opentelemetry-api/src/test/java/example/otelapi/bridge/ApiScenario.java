package example.otelapi.bridge;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an application does with its own copy of the API. The test loads it in a class loader holding that copy
 * (1.0.0 or a newer one), so it calls nothing that API 1.0 lacks, but for the guarded {@code tracerBuilder}.
 */
public final class ApiScenario implements Function<Map<String, Object>, Map<String, String>> {

  static final long START_MILLIS = 1_700_000_000_000L;

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, String> apply(Map<String, Object> input) {
    Supplier<String[]> agentCurrent = (Supplier<String[]>) input.get("agent.current");
    Map<String, String> seen = new LinkedHashMap<>();
    SpanContext outer = Span.current().getSpanContext();
    seen.put("outer.trace_id", outer.getTraceId());
    seen.put("outer.span_id", outer.getSpanId());
    seen.put("outer.sampled", String.valueOf(outer.isSampled()));
    seen.put("outer.vendor", outer.getTraceState().get("vendor"));
    seen.put("global", GlobalOpenTelemetry.get().getClass().getSimpleName());

    Tracer tracer = GlobalOpenTelemetry.getTracer("scenario", "3.1");
    SpanContext linked = SpanContext.create((String) input.get("link.trace_id"), (String) input.get("link.span_id"),
        TraceFlags.getSampled(), TraceState.getDefault());
    Span span = tracer.spanBuilder("first name")
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("s", "v")
        .setAttribute("l", 7L)
        .setAttribute("d", 2.5)
        .setAttribute("b", true)
        .setAttribute(AttributeKey.stringArrayKey("sa"), Arrays.asList("x", "y"))
        .setAttribute(AttributeKey.longArrayKey("la"), Arrays.asList(1L, 2L))
        .addLink(linked, Attributes.of(AttributeKey.stringKey("link.why"), "batch"))
        .setStartTimestamp(START_MILLIS, TimeUnit.MILLISECONDS)
        .startSpan();
    span.updateName("renamed");
    span.setAttribute(AttributeKey.booleanKey("late"), true);
    span.addEvent("at a time", Attributes.empty(), START_MILLIS + 10, TimeUnit.MILLISECONDS);
    try (Scope scope = span.makeCurrent()) {
      seen.put("inner.agent_span_id", agentCurrent.get()[1]);
      seen.put("inner.current_equals_span", String.valueOf(Span.current().equals(span)));
      try (Scope baggage = Baggage.current().toBuilder().put("app.key", "app-value").build().makeCurrent()) {
        seen.put("inner.agent_baggage", agentCurrent.get()[2]);
        seen.put("inner.app_baggage", Baggage.current().getEntryValue("app.key"));
      }
    }
    try (Scope cleared = Context.root().makeCurrent()) {
      seen.put("cleared.agent_span_valid", agentCurrent.get()[1].equals("0000000000000000") ? "false" : "true");
      seen.put("cleared.is_root", String.valueOf(Context.current() == Context.root()));
    }
    span.end(START_MILLIS + 1000, TimeUnit.MILLISECONDS);
    seen.put("span.span_id", span.getSpanContext().getSpanId());
    seen.put("after.agent_span_id", agentCurrent.get()[1]);

    Span rootless = tracer.spanBuilder("rootless").setNoParent().startSpan();
    rootless.end();
    seen.put("rootless.trace_id", rootless.getSpanContext().getTraceId());
    Span child = tracer.spanBuilder("explicit child").setParent(Context.root().with(span)).startSpan();
    child.end();

    try {
      GlobalOpenTelemetry.tracerBuilder("built").setInstrumentationVersion("2.0").build()
          .spanBuilder("from builder").startSpan().end();
      seen.put("tracer_builder", "present");
    } catch (NoSuchMethodError olderApi) {
      seen.put("tracer_builder", "absent");
    }
    return seen;
  }
}
