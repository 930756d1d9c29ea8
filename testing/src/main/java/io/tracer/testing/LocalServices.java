package io.tracer.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;

/**
 * The servers that run on 127.0.0.1 on this project's machines (started by {@code .ci/services}). A test calls
 * {@code LocalServices.POSTGRES.require()} before using one: where the server does not answer, the test is skipped
 * with the reason, except in CI ({@code CI=true}), where it fails, so a missing server can never pass as green.
 */
public enum LocalServices {
  /** Trust authentication, database {@code test}, user {@code postgres}. */
  POSTGRES("PostgreSQL", 5432, "jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""),
  /** User {@code root} with an empty password, database {@code test}. */
  MARIADB("MariaDB", 3306, "jdbc:mariadb://127.0.0.1:3306/test", "root", ""),
  /** No password, nothing kept on disk. */
  REDIS("Redis", 6379, "redis://127.0.0.1:6379", null, null);

  public static final String HOST = "127.0.0.1";

  private final String displayName;
  private final int port;
  private final String url;
  private final String user;
  private final String password;

  LocalServices(String displayName, int port, String url, String user, String password) {
    this.displayName = displayName;
    this.port = port;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public int port() {
    return port;
  }

  /** A JDBC URL for the databases, a {@code redis://} URI for Redis. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Skips the calling test (fails it in CI) when the server does not accept connections. */
  public void require() {
    if (reachable()) {
      return;
    }
    String reason = displayName + " is not running on " + HOST + ":" + port + " (start it with .ci/services)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError("in CI every local server must run: " + reason);
    }
    Assumptions.abort(reason);
  }

  private boolean reachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
