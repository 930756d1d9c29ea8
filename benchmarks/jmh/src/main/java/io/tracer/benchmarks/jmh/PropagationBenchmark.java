package io.tracer.benchmarks.jmh;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Extracting the caller's context from request headers and injecting the current one into outgoing headers,
 * with the default propagators and with every propagator the agent knows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PropagationBenchmark {

  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };
  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

  @Param({"tracecontext,baggage", "tracecontext,baggage,b3,b3multi,jaeger"})
  public String propagators;

  private AgentSdk sdk;
  private TextMapPropagator propagator;
  private final Map<String, String> incoming = new HashMap<>();
  private final Map<String, String> outgoing = new HashMap<>();
  private Context current;

  @Setup
  public void setUp() {
    sdk = AgentSdk.install("otel.propagators", propagators);
    propagator = AgentServices.propagator();
    incoming.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    incoming.put("host", "orders.example:8080");
    incoming.put("user-agent", "curl/8.5.0");
    incoming.put("accept", "*/*");
    current = Context.root().with(Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736",
        "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault())));
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public Context extract() {
    return propagator.extract(Context.root(), incoming, GETTER);
  }

  @Benchmark
  public Map<String, String> inject() {
    outgoing.clear();
    propagator.inject(current, outgoing, SETTER);
    return outgoing;
  }
}
