package io.tracer.benchmarks.jmh;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.tracer.instrumentation.api.AgentServices;
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

/** Starting and ending a CLIENT span with the attributes of a database call, sampled or not. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {

  private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");

  @Param({"always_on", "always_off"})
  public String sampler;

  private AgentSdk sdk;
  private Tracer tracer;

  @Setup
  public void setUp() {
    sdk = AgentSdk.install("otel.traces.sampler", sampler);
    tracer = AgentServices.tracer("jmh");
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public Span startAndEndWithFiveAttributes() {
    Span span = tracer.spanBuilder("SELECT bench_items")
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(SYSTEM, "postgresql")
        .setAttribute(NAMESPACE, "test")
        .setAttribute(OPERATION, "SELECT")
        .setAttribute(QUERY, "SELECT name, price FROM bench_items WHERE id = ?")
        .setAttribute(PORT, 5432L)
        .startSpan();
    span.end();
    return span;
  }
}
