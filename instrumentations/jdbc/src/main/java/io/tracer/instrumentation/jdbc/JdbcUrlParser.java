package io.tracer.instrumentation.jdbc;

import java.util.Locale;

/**
 * Reads the database system, host, port and database name out of a JDBC URL, by hand (no regular expression):
 * {@code jdbc:postgresql://host:5432/db}, {@code jdbc:mysql:replication://a,b/db}, {@code jdbc:h2:mem:db},
 * {@code jdbc:sqlserver://host;databaseName=db}, {@code jdbc:oracle:thin:@//host:1521/service} and the like.
 * Credentials in a URL never leave it.
 */
final class JdbcUrlParser {

  private JdbcUrlParser() {}

  static ConnectionInfo parse(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return ConnectionInfo.UNKNOWN;
    }
    String rest = url.substring(5);
    for (String wrapper : new String[] {"p6spy:", "log4jdbc:", "otel:"}) {
      if (rest.regionMatches(true, 0, wrapper, 0, wrapper.length())) {
        rest = rest.substring(wrapper.length());
      }
    }
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      return ConnectionInfo.UNKNOWN;
    }
    String subprotocol = rest.substring(0, colon).toLowerCase(Locale.ROOT);
    String location = rest.substring(colon + 1);
    switch (subprotocol) {
      case "postgresql":
      case "pgsql":
        return network("postgresql", location, 5432, "localhost");
      case "mysql":
      case "mysql+srv":
        return network("mysql", location, 3306, "localhost");
      case "mariadb":
        return network("mariadb", location, 3306, "localhost");
      case "sqlserver":
      case "jtds":
        return sqlServer(location);
      case "oracle":
        return oracle(location);
      case "db2":
        return network("ibm.db2", location, 50000, null);
      case "clickhouse":
      case "ch":
        return network("clickhouse", location, 8123, null);
      case "h2":
        return embeddedOrNetwork("h2database", location, 9092);
      case "hsqldb":
        return embeddedOrNetwork("hsqldb", location, 9001);
      case "derby":
        return embeddedOrNetwork("derby", location, 1527);
      case "sqlite":
        return new ConnectionInfo("sqlite", lastSegment(cutParameters(location)), null, -1);
      default:
        return new ConnectionInfo("other_sql", null, null, -1);
    }
  }

  /**
   * {@code //host:port/db?...}, optionally after sub-protocols ({@code loadbalance:}, {@code thin:}); several
   * hosts name the first. Without {@code //} the location is the database on {@code defaultHost}.
   */
  private static ConnectionInfo network(String system, String location, int defaultPort, String defaultHost) {
    int slashes = location.indexOf("//");
    if (slashes < 0) {
      String database = cutParameters(location);
      return new ConnectionInfo(system, emptyToNull(database), defaultHost, defaultHost == null ? -1 : defaultPort);
    }
    String afterSlashes = location.substring(slashes + 2);
    int authorityEnd = indexOfAny(afterSlashes, "/?;", 0);
    String authority = authorityEnd < 0 ? afterSlashes : afterSlashes.substring(0, authorityEnd);
    String database = null;
    if (authorityEnd >= 0 && afterSlashes.charAt(authorityEnd) == '/') {
      database = emptyToNull(cutParameters(afterSlashes.substring(authorityEnd + 1)));
    }
    int userInfoEnd = authority.lastIndexOf('@');
    if (userInfoEnd >= 0) {
      authority = authority.substring(userInfoEnd + 1);
    }
    int comma = authority.indexOf(',');
    if (comma >= 0) {
      authority = authority.substring(0, comma);
    }
    return hostAndPort(system, database, authority, defaultPort);
  }

  private static ConnectionInfo hostAndPort(String system, String database, String authority, int defaultPort) {
    String host = authority;
    int port = defaultPort;
    int portColon;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close > 0 ? authority.substring(1, close) : authority;
      portColon = close > 0 && close + 1 < authority.length() && authority.charAt(close + 1) == ':' ? close + 1 : -1;
    } else {
      portColon = authority.lastIndexOf(':');
      if (portColon >= 0) {
        host = authority.substring(0, portColon);
      }
    }
    if (portColon >= 0) {
      port = parsePort(authority.substring(portColon + 1), defaultPort);
    }
    if (host.isEmpty() || host.indexOf('(') >= 0 || host.indexOf('=') >= 0) {
      host = null;
    }
    return new ConnectionInfo(system, database, host, host == null ? -1 : port);
  }

  /** {@code //host\instance:port;databaseName=db;...} */
  private static ConnectionInfo sqlServer(String location) {
    String rest = location.startsWith("//") ? location.substring(2) : location;
    int parameters = rest.indexOf(';');
    String authority = parameters < 0 ? rest : rest.substring(0, parameters);
    int instance = authority.indexOf('\\');
    if (instance >= 0) {
      int portColon = authority.indexOf(':', instance);
      authority = authority.substring(0, instance) + (portColon < 0 ? "" : authority.substring(portColon));
    }
    String database = null;
    if (parameters >= 0) {
      database = property(rest.substring(parameters + 1), "databasename");
      if (database == null) {
        database = property(rest.substring(parameters + 1), "database");
      }
    }
    int slash = authority.indexOf('/');
    if (slash >= 0) {
      authority = authority.substring(0, slash);
    }
    return hostAndPort("microsoft.sql_server", database, authority, 1433);
  }

  /** {@code thin:@host:port:SID}, {@code thin:@//host:port/service}, {@code thin:@host:port/service}. */
  private static ConnectionInfo oracle(String location) {
    int at = location.indexOf('@');
    if (at < 0) {
      return new ConnectionInfo("oracle.db", null, null, -1);
    }
    String target = location.substring(at + 1);
    if (target.startsWith("//")) {
      target = target.substring(2);
    }
    if (target.startsWith("(")) {
      return new ConnectionInfo("oracle.db", null, null, -1);
    }
    int serviceSlash = target.indexOf('/');
    String authority = serviceSlash < 0 ? target : target.substring(0, serviceSlash);
    String database = serviceSlash < 0 ? null : cutParameters(target.substring(serviceSlash + 1));
    int first = authority.indexOf(':');
    int second = first < 0 ? -1 : authority.indexOf(':', first + 1);
    if (second >= 0) {
      database = authority.substring(second + 1);
      authority = authority.substring(0, second);
    }
    return hostAndPort("oracle.db", emptyToNull(database), authority, 1521);
  }

  /** {@code mem:db}, {@code file:/path/db}, {@code ~/db}, or {@code tcp://host:port/path/db}. */
  private static ConnectionInfo embeddedOrNetwork(String system, String location, int defaultPort) {
    if (location.startsWith("//") || location.contains("://")) {
      ConnectionInfo remote = network(system, location, defaultPort, null);
      return new ConnectionInfo(system, lastSegment(remote.namespace()), remote.host(), remote.port());
    }
    String database = cutParameters(location);
    for (String prefix : new String[] {"mem:", "file:", "memory:", "directory:", "res:"}) {
      if (database.regionMatches(true, 0, prefix, 0, prefix.length())) {
        database = database.substring(prefix.length());
      }
    }
    return new ConnectionInfo(system, lastSegment(database), null, -1);
  }

  private static String cutParameters(String path) {
    int end = indexOfAny(path, "?;", 0);
    return end < 0 ? path : path.substring(0, end);
  }

  private static String lastSegment(String path) {
    if (path == null) {
      return null;
    }
    int separator = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return emptyToNull(separator < 0 ? path : path.substring(separator + 1));
  }

  /** A {@code key=value} entry of a {@code ;}-separated list, the key compared ignoring case. */
  private static String property(String parameters, String lowerCaseKey) {
    for (String entry : parameters.split(";")) {
      int equals = entry.indexOf('=');
      if (equals > 0 && entry.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals(lowerCaseKey)) {
        return emptyToNull(entry.substring(equals + 1).trim());
      }
    }
    return null;
  }

  private static int parsePort(String text, int defaultPort) {
    try {
      int port = Integer.parseInt(text.trim());
      return port > 0 && port <= 65535 ? port : defaultPort;
    } catch (NumberFormatException e) {
      return defaultPort;
    }
  }

  private static int indexOfAny(String text, String characters, int from) {
    for (int i = from; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
