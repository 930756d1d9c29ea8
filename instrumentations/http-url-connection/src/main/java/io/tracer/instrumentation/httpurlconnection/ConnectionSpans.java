package io.tracer.instrumentation.httpurlconnection;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import java.net.HttpURLConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One span per connection, however many of its methods the application (or the connection itself) calls. The
 * connection's request is remembered, weakly, from its first call until it is garbage: after the span ended, later
 * calls ({@code getResponseCode} after {@code getInputStream}, header getters) add nothing.
 */
final class ConnectionSpans {

  private static final HttpUrlConnectionAccessor ACCESSOR = new HttpUrlConnectionAccessor();
  private static final HttpClientTracer<HttpURLConnection, Integer> TRACER =
      new HttpClientTracer<>(HttpUrlConnectionModule.NAME, ACCESSOR);
  private static final Object ENDED = new Object();
  private static final Map<HttpURLConnection, Object> REQUESTS =
      Collections.synchronizedMap(new WeakHashMap<HttpURLConnection, Object>());

  private ConnectionSpans() {}

  /**
   * Starts the connection's span at its first call and makes it current for the call.
   *
   * @return the scope to close on exit, or {@code null} when this call has nothing to do
   */
  static Scope enter(HttpURLConnection connection) {
    Context current = Context.current();
    if (HttpClientTracer.isInClientRequest(current)) {
      return null;
    }
    Object known = REQUESTS.get(connection);
    if (known == ENDED) {
      return null;
    }
    Context context = (Context) known;
    if (context == null) {
      context = TRACER.start(current, connection);
      REQUESTS.put(connection, context);
      try {
        TRACER.inject(context, connection, connection, ACCESSOR);
      } catch (IllegalStateException alreadyConnected) {
        // the request went out before we saw the connection: it has a span, not our headers
      }
    }
    return context.makeCurrent();
  }

  /** After {@code connect} or {@code getOutputStream}: the span goes on, unless the request already failed. */
  static void afterRequestStart(HttpURLConnection connection, Scope scope, Throwable thrown) {
    scope.close();
    if (thrown != null) {
      end(connection, 0, thrown);
    }
  }

  /**
   * After {@code getInputStream}: the response is there, or the request failed. Reading the status code here
   * makes no new request: on a failure the connection rethrows the failure it remembered.
   */
  static void afterResponse(HttpURLConnection connection, Scope scope, Throwable thrown) {
    int status;
    try {
      status = connection.getResponseCode();
    } catch (Exception noResponse) {
      status = 0;
    } finally {
      scope.close();
    }
    end(connection, status, thrown);
  }

  private static void end(HttpURLConnection connection, int status, Throwable thrown) {
    Object known = REQUESTS.put(connection, ENDED);
    if (known instanceof Context) {
      TRACER.refreshMethod((Context) known, connection);
      TRACER.endWithStatus((Context) known, status, thrown);
    }
  }
}
