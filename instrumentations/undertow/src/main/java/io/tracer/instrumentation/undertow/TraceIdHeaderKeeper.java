package io.tracer.instrumentation.undertow;

import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.http.HttpServerTracer;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ResponseCommitListener;
import io.undertow.servlet.spec.HttpServletResponseImpl;
import io.undertow.util.HttpString;

/**
 * Puts the trace id response header back just before Undertow commits a response that was reset after the
 * header was set: the headers are final only then, after every clear of Undertow's error handling.
 */
final class TraceIdHeaderKeeper implements ResponseCommitListener {

  /** {@code null} when the header is off: then a reset costs one field read. */
  private static final String HEADER = HttpServerTracer.traceIdResponseHeader(AgentServices.config());
  private static final HttpString HEADER_NAME = HEADER == null ? null : new HttpString(HEADER);

  private final String traceId;

  private TraceIdHeaderKeeper(String traceId) {
    this.traceId = traceId;
  }

  /** @return the trace id the response carries in the header, or {@code null} */
  static String traceIdOf(HttpServletResponseImpl response) {
    return HEADER == null ? null : response.getHeader(HEADER);
  }

  static void restoreAtCommit(HttpServletResponseImpl response, String traceId) {
    response.getExchange().addResponseCommitListener(new TraceIdHeaderKeeper(traceId));
  }

  @Override
  public void beforeCommit(HttpServerExchange exchange) {
    if (!exchange.getResponseHeaders().contains(HEADER_NAME)) {
      exchange.getResponseHeaders().put(HEADER_NAME, traceId);
    }
  }
}
