package io.tracer.instrumentation.lettuce;

import io.lettuce.core.RedisURI;
import io.opentelemetry.context.internal.shaded.WeakConcurrentMap;

/**
 * Where each connection points and which database it uses: registered when {@code RedisClient} connects it, the
 * database then followed through the connection's own {@code SELECT} commands. Weakly keyed, lock-free to read.
 */
final class LettuceConnections {

  /** What a connection made elsewhere (a cluster's, a sentinel's) is known as: nothing. */
  static final Endpoint UNKNOWN = new Endpoint(null, 0, -1);

  private static final WeakConcurrentMap<Object, Endpoint> ENDPOINTS = new WeakConcurrentMap.WithInlinedExpunction<>();

  private LettuceConnections() {}

  static void register(Object connection, RedisURI uri) {
    if (connection != null && uri != null) {
      ENDPOINTS.put(connection, new Endpoint(uri.getHost(), uri.getPort(), uri.getDatabase()));
    }
  }

  static Endpoint of(Object connection) {
    Endpoint endpoint = ENDPOINTS.get(connection);
    return endpoint == null ? UNKNOWN : endpoint;
  }

  static final class Endpoint {
    final String host;
    final int port;
    volatile long database;

    Endpoint(String host, int port, long database) {
      this.host = host;
      this.port = port;
      this.database = database;
    }
  }
}
