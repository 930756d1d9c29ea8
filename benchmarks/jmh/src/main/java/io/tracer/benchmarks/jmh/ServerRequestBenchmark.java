package io.tracer.benchmarks.jmh;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.http.HttpServerTracer;
import io.tracer.instrumentation.api.http.ServerExchangeAccessor;
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
 * What the servlet module does for one incoming request (the shared {@link HttpServerTracer}: extract, start the
 * SERVER span with its attributes, end it with the status), for a new trace the sampler drops (ratio 0, as 99% of
 * requests at 1% sampling) and for one it keeps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ServerRequestBenchmark {

  @Param({"0", "1"})
  public String samplingRatio;

  private AgentSdk sdk;
  private HttpServerTracer<Request, Response> tracer;
  private final Request request = new Request("GET", "/orders/42", "/orders/*", "page=2");
  private final Response response = new Response();

  @Setup
  public void setUp() {
    sdk = AgentSdk.install("otel.traces.sampler", "parentbased_traceidratio", "otel.traces.sampler.arg",
        samplingRatio);
    tracer = new HttpServerTracer<>("servlet", new Accessor());
    request.headers.put("host", "orders.example:8080");
    request.headers.put("user-agent", "curl/8.5.0");
    request.headers.put("accept", "*/*");
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public Context request() {
    Context context = tracer.start(request, response);
    tracer.end(context, request.method, null, response, null);
    return context;
  }

  static final class Request {
    final String method;
    final String path;
    final String route;
    final String query;
    final Map<String, String> headers = new HashMap<>();

    Request(String method, String path, String route, String query) {
      this.method = method;
      this.path = path;
      this.route = route;
      this.query = query;
    }
  }

  static final class Response {
    final Map<String, String> headers = new HashMap<>();
    final int status = 200;
  }

  /** Reads a request as a servlet container hands it over: fields and a header map. */
  static final class Accessor implements ServerExchangeAccessor<Request, Response> {
    @Override
    public Iterable<String> keys(Request request) {
      return request.headers.keySet();
    }

    @Override
    public String get(Request request, String key) {
      return request == null ? null : request.headers.get(key);
    }

    @Override
    public String method(Request request) {
      return request.method;
    }

    @Override
    public String scheme(Request request) {
      return "http";
    }

    @Override
    public String path(Request request) {
      return request.path;
    }

    @Override
    public String query(Request request) {
      return request.query;
    }

    @Override
    public String route(Request request) {
      return request.route;
    }

    @Override
    public String serverAddress(Request request) {
      return "orders.example";
    }

    @Override
    public int serverPort(Request request) {
      return 8080;
    }

    @Override
    public String peerAddress(Request request) {
      return "10.1.2.3";
    }

    @Override
    public String protocol(Request request) {
      return "HTTP/1.1";
    }

    @Override
    public int statusCode(Response response) {
      return response.status;
    }

    @Override
    public void setResponseHeader(Response response, String name, String value) {
      response.headers.put(name, value);
    }
  }
}
