package io.tracer.instrumentation.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What each connection's URL says, asked of the driver once per connection ({@code getMetaData().getURL()}) and
 * parsed once per URL. Keyed weakly by the connection object, so a closed and dropped connection takes its entry
 * with it, and a pool's per-borrow proxy costs one map entry, never a second parse.
 */
final class ConnectionInfoCache {

  private static final int MAX_URLS = 256;

  private final WeakIdentityMap<Connection, ConnectionInfo> byConnection = new WeakIdentityMap<>();
  private final BoundedCache<String, ConnectionInfo> byUrl = new BoundedCache<>(MAX_URLS);

  ConnectionInfo of(Statement statement) {
    Connection connection;
    try {
      connection = statement.getConnection();
    } catch (SQLException | RuntimeException | LinkageError e) {
      return ConnectionInfo.UNKNOWN;
    }
    if (connection == null) {
      return ConnectionInfo.UNKNOWN;
    }
    ConnectionInfo info = byConnection.get(connection);
    if (info == null) {
      info = fromUrl(url(connection));
      byConnection.put(connection, info);
    }
    return info;
  }

  private ConnectionInfo fromUrl(String url) {
    if (url == null) {
      return ConnectionInfo.UNKNOWN;
    }
    ConnectionInfo info = byUrl.get(url);
    if (info == null) {
      info = JdbcUrlParser.parse(url);
      byUrl.put(url, info);
    }
    return info;
  }

  private static String url(Connection connection) {
    try {
      DatabaseMetaData metaData = connection.getMetaData();
      return metaData == null ? null : metaData.getURL();
    } catch (SQLException | RuntimeException | LinkageError e) {
      // a driver's or wrapper's own failure, or one that does not implement the method: the span goes without
      return null;
    }
  }
}
