package io.tracer.instrumentation.otelapi;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application's own copy of the API (the real jars of 1.0.0 and 1.62.0, each in a class loader of its own, as
 * an application's class path would hold it) runs {@code example.otelapi.bridge.ApiScenario} inside a span of the
 * agent: what it sees and the spans it makes are the agent's.
 */
class ApplicationApiBridgeTest {

  private static final String REMOTE_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String REMOTE_SPAN_ID = "00f067aa0ba902b7";
  private static final String LINK_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String LINK_SPAN_ID = "b7ad6b7169203331";

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "1.62.0"})
  void theApplicationsApiIsTheAgents(String apiVersion) throws Exception {
    TestAgent.install();
    TestAgent.reset();
    SpanContext remoteParent = SpanContext.createFromRemoteParent(REMOTE_TRACE_ID, REMOTE_SPAN_ID,
        TraceFlags.getSampled(), TraceState.builder().put("vendor", "abc").build());
    Span outer = AgentServices.tracer("test").spanBuilder("outer")
        .setParent(Context.root().with(Span.wrap(remoteParent))).startSpan();
    Map<String, String> seen;
    try (URLClassLoader application = applicationLoader(apiVersion); Scope scope = outer.makeCurrent()) {
      seen = runScenario(application);
    } finally {
      outer.end();
    }

    SpanData renamed = span("renamed");
    assertAll(
        () -> assertEquals(REMOTE_TRACE_ID, seen.get("outer.trace_id")),
        () -> assertEquals(outer.getSpanContext().getSpanId(), seen.get("outer.span_id")),
        () -> assertEquals("true", seen.get("outer.sampled")),
        () -> assertEquals("abc", seen.get("outer.vendor"), "the trace state reaches the application"),
        () -> assertEquals("BridgedOpenTelemetry", seen.get("global")),
        () -> assertEquals("scenario", renamed.getInstrumentationScopeInfo().getName()),
        () -> assertEquals("3.1", renamed.getInstrumentationScopeInfo().getVersion()),
        () -> assertEquals(SpanKind.PRODUCER, renamed.getKind()),
        () -> assertEquals(REMOTE_TRACE_ID, renamed.getTraceId()),
        () -> assertEquals(outer.getSpanContext().getSpanId(), renamed.getParentSpanId()),
        () -> assertEquals(renamed.getSpanId(), seen.get("span.span_id")),
        () -> assertEquals("v", renamed.getAttributes().get(AttributeKey.stringKey("s"))),
        () -> assertEquals(7L, renamed.getAttributes().get(AttributeKey.longKey("l"))),
        () -> assertEquals(2.5, renamed.getAttributes().get(AttributeKey.doubleKey("d"))),
        () -> assertEquals(true, renamed.getAttributes().get(AttributeKey.booleanKey("b"))),
        () -> assertEquals(true, renamed.getAttributes().get(AttributeKey.booleanKey("late"))),
        () -> assertEquals(Arrays.asList("x", "y"), renamed.getAttributes().get(AttributeKey.stringArrayKey("sa"))),
        () -> assertEquals(Arrays.asList(1L, 2L), renamed.getAttributes().get(AttributeKey.longArrayKey("la"))),
        () -> assertEquals(TimeUnit.MILLISECONDS.toNanos(1_700_000_000_000L), renamed.getStartEpochNanos()),
        () -> assertEquals(TimeUnit.MILLISECONDS.toNanos(1_700_000_001_000L), renamed.getEndEpochNanos()),
        () -> assertEquals(TimeUnit.MILLISECONDS.toNanos(1_700_000_000_010L),
            renamed.getEvents().get(0).getEpochNanos()),
        () -> assertEquals(1, renamed.getLinks().size()));
    LinkData link = renamed.getLinks().get(0);
    assertAll(
        () -> assertEquals(LINK_TRACE_ID, link.getSpanContext().getTraceId()),
        () -> assertEquals(LINK_SPAN_ID, link.getSpanContext().getSpanId()),
        () -> assertEquals("batch", link.getAttributes().get(AttributeKey.stringKey("link.why"))),
        () -> assertEquals(renamed.getSpanId(), seen.get("inner.agent_span_id"),
            "the application's current span is the agent's current span"),
        () -> assertEquals("true", seen.get("inner.current_equals_span")),
        () -> assertEquals("app-value", seen.get("inner.agent_baggage"), "the application's baggage is the agent's"),
        () -> assertEquals("app-value", seen.get("inner.app_baggage")),
        () -> assertEquals(outer.getSpanContext().getSpanId(), seen.get("after.agent_span_id")),
        () -> assertEquals("false", seen.get("cleared.agent_span_valid"),
            "the application's root made current clears the agent's context"),
        () -> assertEquals("true", seen.get("cleared.is_root")));

    SpanData rootless = span("rootless");
    SpanData explicitChild = span("explicit child");
    assertAll(
        () -> assertFalse(rootless.getParentSpanContext().isValid(), rootless::toString),
        () -> assertNotEquals(REMOTE_TRACE_ID, rootless.getTraceId()),
        () -> assertEquals(rootless.getTraceId(), seen.get("rootless.trace_id")),
        () -> assertEquals(renamed.getSpanId(), explicitChild.getParentSpanId(),
            "a parent context the application built from its root"));

    if (apiVersion.equals("1.0.0")) {
      assertEquals("absent", seen.get("tracer_builder"));
    } else {
      assertEquals("present", seen.get("tracer_builder"));
      SpanData fromBuilder = span("from builder");
      assertEquals("built", fromBuilder.getInstrumentationScopeInfo().getName());
      assertEquals("2.0", fromBuilder.getInstrumentationScopeInfo().getVersion());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> runScenario(ClassLoader application) throws Exception {
    Supplier<String[]> agentCurrent = () -> new String[] {
        Span.current().getSpanContext().getTraceId(),
        Span.current().getSpanContext().getSpanId(),
        Baggage.current().getEntryValue("app.key")};
    Map<String, Object> input = new HashMap<>();
    input.put("agent.current", agentCurrent);
    input.put("link.trace_id", LINK_TRACE_ID);
    input.put("link.span_id", LINK_SPAN_ID);
    Function<Map<String, Object>, Map<String, String>> scenario =
        (Function<Map<String, Object>, Map<String, String>>) Class.forName(
            "example.otelapi.bridge.ApiScenario", true, application).getDeclaredConstructor().newInstance();
    // as in an application, whose API looks up its context storage providers through this loader
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(application);
    try {
      return scenario.apply(input);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static SpanData span(String name) {
    return TestAgent.spans().stream().filter(span -> span.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no span '" + name + "' in " + TestAgent.spans()));
  }

  /** The API jars of one version and the scenario's classes, under the platform loader only. */
  private static URLClassLoader applicationLoader(String apiVersion) throws Exception {
    List<URL> urls = new ArrayList<>();
    File[] jars = Paths.get(System.getProperty("application.api.dir"), apiVersion).toFile().listFiles();
    for (File jar : jars == null ? new File[0] : jars) {
      urls.add(jar.toURI().toURL());
    }
    Path testClasses = Paths.get(ApplicationApiBridgeTest.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    urls.add(testClasses.toUri().toURL());
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getSystemClassLoader().getParent());
  }
}
