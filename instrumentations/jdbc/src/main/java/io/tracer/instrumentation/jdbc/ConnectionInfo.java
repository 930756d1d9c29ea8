package io.tracer.instrumentation.jdbc;

import io.tracer.instrumentation.jdbc.sql.SqlDialect;

/** What a JDBC URL says about the database behind a connection; parsed once per connection. */
final class ConnectionInfo {

  static final ConnectionInfo UNKNOWN = new ConnectionInfo("other_sql", null, null, -1);

  private final String system;
  private final String namespace;
  private final String host;
  private final int port;
  private final SqlDialect dialect;

  ConnectionInfo(String system, String namespace, String host, int port) {
    this.system = system;
    this.namespace = namespace;
    this.host = host;
    this.port = port;
    this.dialect = SqlDialect.of(system);
  }

  /** {@code db.system.name}: {@code postgresql}, {@code mysql}, {@code h2database}, ... or {@code other_sql}. */
  String system() {
    return system;
  }

  /** {@code db.namespace}: the database, or {@code null}. */
  String namespace() {
    return namespace;
  }

  /** {@code server.address}, or {@code null} for embedded databases. */
  String host() {
    return host;
  }

  /** {@code server.port}, or -1. */
  int port() {
    return port;
  }

  SqlDialect dialect() {
    return dialect;
  }

  @Override
  public String toString() {
    return system + " " + namespace + " at " + host + ":" + port;
  }
}
