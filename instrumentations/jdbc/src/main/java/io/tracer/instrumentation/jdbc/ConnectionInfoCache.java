package io.tracer.instrumentation.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What each connection's URL says, asked of the driver once per connection ({@code getMetaData().getURL()}) and
 * parsed once per URL. Keyed weakly by the driver's connection, so a closed and dropped connection takes its entry
 * with it; a pool's proxy, new at every borrow, is unwrapped first, so that a borrow costs no entry of its own.
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
    Connection physical = unwrapped(connection);
    ConnectionInfo info = byConnection.get(physical);
    if (info == null) {
      info = fromUrl(url(connection));
      byConnection.put(physical, info);
    }
    return info;
  }

  private static Connection unwrapped(Connection connection) {
    try {
      Connection inner = connection.unwrap(Connection.class);
      return inner == null ? connection : inner;
    } catch (SQLException | RuntimeException | LinkageError e) {
      // a wrapper that does not unwrap (or a driver older than JDBC 4): the connection itself is the key
      return connection;
    }
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
