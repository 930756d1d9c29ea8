package io.tracer.instrumentation.api.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Collections;

/**
 * CLIENT spans for outgoing HTTP requests, following the stable HTTP client semantic conventions, shared by every
 * client library. The span's context carries a marker, so that a client built on another client (or an overload
 * calling through to another) yields one span per request, not one per layer.
 */
public final class HttpClientTracer<REQUEST, RESPONSE> {

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  static final String NO_PROPAGATION_HOSTS_KEY = "otel.http.client.no-propagation-hosts";

  /** Its value is {@link Boolean#TRUE}, or the request's {@link HttpClientDurations.Start} while metrics are on. */
  private static final ContextKey<Object> IN_CLIENT_REQUEST = ContextKey.named("io.tracer.http-client-request");

  private final ClientExchangeAccessor<REQUEST, RESPONSE> accessor;
  private final Tracer tracer;
  private final UrlSanitizer urlSanitizer;
  private final HostMatcher noPropagationHosts;
  /** {@code null} while metrics are off. */
  private final HttpClientDurations durations;

  public HttpClientTracer(String moduleName, ClientExchangeAccessor<REQUEST, RESPONSE> accessor) {
    this.accessor = accessor;
    this.tracer = AgentServices.tracer(moduleName);
    TracerConfig config = AgentServices.config();
    this.urlSanitizer = new UrlSanitizer(QueryRedactor.configured(config));
    this.noPropagationHosts =
        new HostMatcher(config.getList(NO_PROPAGATION_HOSTS_KEY, Collections.<String>emptyList()));
    Meter meter = AgentServices.meter(moduleName);
    // not even the class is loaded while metrics are off
    this.durations = meter == null ? null : HttpClientDurations.create(meter);
  }

  /** Whether {@code context} is already inside an HTTP client span: a nested client adds neither span nor headers. */
  public static boolean isInClientRequest(Context context) {
    return context.get(IN_CLIENT_REQUEST) != null;
  }

  /**
   * Starts the CLIENT span under {@code parent}.
   *
   * @return the context holding the span, or {@code null} when {@code parent} is already inside a client span or
   *     is the agent's own export (the Jaeger and Zipkin exporters send through the JDK's HttpURLConnection inside
   *     a suppressing context: tracing those requests would export spans about exporting spans, for ever)
   */
  public Context start(Context parent, REQUEST request) {
    if (isInClientRequest(parent) || InstrumentationUtil.shouldSuppressInstrumentation(parent)) {
      return null;
    }
    String method = accessor.method(request);
    boolean knownMethod = HttpMethods.isKnown(method);
    String methodAttribute = knownMethod ? method : HttpMethods.OTHER;
    Span span = tracer.spanBuilder(knownMethod ? method : "HTTP")
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .startSpan();
    if (span.isRecording()) {
      span.setAttribute(METHOD, methodAttribute);
      if (!knownMethod && method != null) {
        span.setAttribute(METHOD_ORIGINAL, method);
      }
      String url = urlSanitizer.sanitize(accessor.url(request));
      if (url != null) {
        span.setAttribute(URL_FULL, url);
      }
      String host = accessor.serverAddress(request);
      if (host != null) {
        span.setAttribute(SERVER_ADDRESS, host);
      }
      int port = accessor.serverPort(request);
      if (port > 0) {
        span.setAttribute(SERVER_PORT, (long) port);
      }
    }
    Object marker = durations == null ? Boolean.TRUE
        : HttpClientDurations.started(methodAttribute, accessor.serverAddress(request),
            accessor.serverPort(request));
    return parent.with(span).with(IN_CLIENT_REQUEST, marker);
  }

  /** For libraries that may change the method after the request started (HttpURLConnection turns GET into POST). */
  public void refreshMethod(Context context, REQUEST request) {
    Span span = Span.fromContext(context);
    String method = accessor.method(request);
    if (!HttpMethods.isKnown(method)) {
      return;
    }
    if (span.isRecording()) {
      span.updateName(method);
      span.setAttribute(METHOD, method);
    }
    Object marker = context.get(IN_CLIENT_REQUEST);
    if (durations != null && marker instanceof HttpClientDurations.Start) {
      ((HttpClientDurations.Start) marker).method = method;
    }
  }

  /** Whether the request's headers get the propagators' fields: not for hosts in the no-propagation list. */
  public boolean propagatesTo(REQUEST request) {
    return noPropagationHosts.isEmpty() || !noPropagationHosts.matches(accessor.serverAddress(request));
  }

  /** Writes the configured propagators' headers for {@code context} into {@code carrier}, unless the host is excluded. */
  public <CARRIER> void inject(Context context, REQUEST request, CARRIER carrier, TextMapSetter<CARRIER> setter) {
    if (propagatesTo(request)) {
      AgentServices.propagator().inject(context, carrier, setter);
    }
  }

  /**
   * Ends the span: status ERROR on a 4xx or 5xx response and on {@code error}, which is recorded; the response's
   * status code names the error when there is one, else the exception's class.
   */
  public void end(Context context, RESPONSE response, Throwable error) {
    int status = response == null ? 0 : accessor.statusCode(response);
    endWithStatus(context, status, error);
  }

  /** For libraries whose status code is read apart from a response object; {@code 0} when there is none. */
  public void endWithStatus(Context context, int status, Throwable error) {
    Span span = Span.fromContext(context);
    if (status > 0) {
      span.setAttribute(STATUS_CODE, (long) status);
    }
    if (error != null) {
      span.recordException(error);
    }
    String errorType = null;
    if (status >= 400) {
      errorType = Integer.toString(status);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, errorType);
    } else if (error != null) {
      errorType = error.getClass().getName();
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, errorType);
    }
    span.end();
    Object marker = context.get(IN_CLIENT_REQUEST);
    if (durations != null && marker instanceof HttpClientDurations.Start) {
      durations.ended((HttpClientDurations.Start) marker, status, errorType);
    }
  }
}
