package io.tracer.instrumentation.api.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.CorrelationId;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Arrays;

/**
 * SERVER spans for incoming HTTP requests, following the stable HTTP semantic conventions. The parent is only
 * ever the context extracted from the request's headers: whatever a pooled thread still carries is ignored.
 */
public final class HttpServerTracer<REQUEST, RESPONSE> {

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
  static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
  static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /**
   * Where a framework module (Jersey's) records the route template it matched, as a request attribute relative
   * to the framework's base path; the server module that owns the span reads it when the span ends.
   */
  public static final String FRAMEWORK_ROUTE_ATTRIBUTE = "io.tracer.http.route";
  static final String TRACE_ID_RESPONSE_HEADER_KEY = "otel.http.server.response.trace-id-header";
  private static final String DEFAULT_IGNORED_PATHS = "/health,/metrics,/favicon.ico";

  private final ServerExchangeAccessor<REQUEST, RESPONSE> accessor;
  private final Tracer tracer;
  private final PathFilter ignoredPaths;
  private final QueryRedactor queryRedactor;
  private final CorrelationId correlationId;
  /** The response header that carries the trace id back to the caller; {@code null} when off. */
  private final String traceIdResponseHeader;
  /** {@code null} while metrics are off. */
  private final HttpServerDurations durations;

  public HttpServerTracer(String moduleName, ServerExchangeAccessor<REQUEST, RESPONSE> accessor) {
    this.accessor = accessor;
    this.tracer = AgentServices.tracer(moduleName);
    TracerConfig config = AgentServices.config();
    this.ignoredPaths = new PathFilter(config.getList("otel.http.server.ignore-paths",
        Arrays.asList(DEFAULT_IGNORED_PATHS.split(","))));
    this.queryRedactor = QueryRedactor.configured(config);
    this.correlationId = CorrelationId.configured(config);
    this.traceIdResponseHeader = traceIdResponseHeader(config);
    Meter meter = AgentServices.meter(moduleName);
    // not even the class is loaded while metrics are off
    this.durations = meter == null ? null : HttpServerDurations.create(meter);
  }

  public boolean isIgnored(REQUEST request) {
    return ignoredPaths.matches(accessor.path(request));
  }

  /**
   * Starts the SERVER span; the returned context holds it and the propagated baggage. Called before the
   * application writes to {@code response}, so that the trace id header, when configured, can still be set.
   */
  public Context start(REQUEST request, RESPONSE response) {
    Context extracted = AgentServices.propagator().extract(Context.root(), request, accessor);
    Context parent = correlationId.apply(extracted,
        correlationId.header() == null ? null : accessor.get(request, correlationId.header()));
    String method = accessor.method(request);
    boolean knownMethod = HttpMethods.isKnown(method);
    String route = accessor.route(request);
    String methodAttribute = knownMethod ? method : HttpMethods.OTHER;
    String scheme = accessor.scheme(request);
    SpanBuilder builder = tracer.spanBuilder(spanName(knownMethod ? method : "HTTP", route))
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(METHOD, methodAttribute)
        .setAttribute(SCHEME, scheme)
        .setAttribute(PATH, accessor.path(request))
        .setAttribute(SERVER_ADDRESS, accessor.serverAddress(request))
        .setAttribute(SERVER_PORT, (long) accessor.serverPort(request))
        .setAttribute(CLIENT_ADDRESS, clientAddress(request));
    if (!knownMethod) {
      builder.setAttribute(METHOD_ORIGINAL, method);
    }
    String query = accessor.query(request);
    if (query != null) {
      builder.setAttribute(QUERY, queryRedactor.redact(query));
    }
    if (route != null) {
      builder.setAttribute(ROUTE, route);
    }
    String userAgent = accessor.get(request, "user-agent");
    if (userAgent != null) {
      builder.setAttribute(USER_AGENT, userAgent);
    }
    String protocolVersion = protocolVersion(accessor.protocol(request));
    if (protocolVersion != null) {
      builder.setAttribute(PROTOCOL_VERSION, protocolVersion);
    }
    Span span = builder.startSpan();
    if (traceIdResponseHeader != null && span.getSpanContext().isSampled()) {
      // an unsampled trace reaches no backend: its id would be of no use in a bug report
      accessor.setResponseHeader(response, traceIdResponseHeader, span.getSpanContext().getTraceId());
    }
    Context context = parent.with(span);
    return durations == null ? context : durations.started(context, methodAttribute, scheme, route);
  }

  /**
   * Ends the span with the response's status. {@code route} refines the name when a framework learned the route
   * during the request; {@code null} keeps what the start knew.
   */
  public void end(Context context, String method, String route, RESPONSE response, Throwable thrown) {
    Span span = Span.fromContext(context);
    if (route != null) {
      span.setAttribute(ROUTE, route);
      span.updateName(spanName(HttpMethods.isKnown(method) ? method : "HTTP", route));
    }
    int status = response == null ? 0 : accessor.statusCode(response);
    String errorType = null;
    if (thrown != null) {
      // the container turns an escaping exception into a 500 after we have returned
      if (status < 400) {
        status = 500;
      }
      errorType = thrown.getClass().getName();
      span.recordException(thrown);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, errorType);
    } else if (status >= 500) {
      errorType = Integer.toString(status);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, errorType);
    }
    if (status > 0) {
      span.setAttribute(STATUS_CODE, (long) status);
    }
    span.end();
    if (durations != null) {
      durations.ended(context, route, status, errorType);
    }
  }

  /** Marks an async request that timed out or failed; the span still ends on completion. */
  public void markError(Context context, Throwable error, String errorType) {
    Span span = Span.fromContext(context);
    if (error != null) {
      span.recordException(error);
    }
    span.setStatus(StatusCode.ERROR);
    span.setAttribute(ERROR_TYPE, error != null ? error.getClass().getName() : errorType);
  }

  private String clientAddress(REQUEST request) {
    String forwardedFor = accessor.get(request, "x-forwarded-for");
    if (forwardedFor != null) {
      int comma = forwardedFor.indexOf(',');
      String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return accessor.peerAddress(request);
  }

  /**
   * The configured name of the trace id response header, {@code null} when off. A header name is an HTTP token;
   * anything else would make the container reject or mangle the response, so it is reported and left off.
   */
  public static String traceIdResponseHeader(TracerConfig config) {
    String name = config.getString(TRACE_ID_RESPONSE_HEADER_KEY);
    if (name == null) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isTokenChar(name.charAt(i))) {
        config.problems().invalidValue(TRACE_ID_RESPONSE_HEADER_KEY, name,
            "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)", "no header");
        return null;
      }
    }
    return name;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String spanName(String method, String route) {
    return route == null ? method : method + " " + route;
  }

  private static String protocolVersion(String protocol) {
    if (protocol == null || !protocol.startsWith("HTTP/")) {
      return null;
    }
    String version = protocol.substring(5);
    return version.equals("2.0") ? "2" : version;
  }
}
