package io.tracer.smoke.app.middle;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import redis.clients.jedis.RedisClient;

/**
 * Embedded Jetty 12 serving {@code /stock/*} on {@code PORT} (0: any free port) of 127.0.0.1. Connects to
 * {@code JDBC_URL} (as {@code JDBC_USER}) and {@code REDIS_URI} before it listens, so that no connection set-up
 * happens inside a request. Prints {@code LISTENING <port>} once it accepts requests.
 */
public final class ThreeServiceMiddleApp {

  private ThreeServiceMiddleApp() {}

  public static void main(String[] args) throws Exception {
    Connection database = DriverManager.getConnection(System.getenv("JDBC_URL"), System.getenv("JDBC_USER"), "");
    RedisClient redis = RedisClient.create(URI.create(System.getenv("REDIS_URI")));
    // the pool's first connection says HELLO and CLIENT SETINFO: outside any request
    redis.ping();
    StockServlet stock = new StockServlet(database, System.getenv("STOCK_TABLE"), redis,
        System.getenv("REDIS_KEY_PREFIX"), System.getenv("DOWNSTREAM_URL"));

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder("stock", stock), "/stock/*");
    server.setHandler(context);
    server.start();
    System.out.println("LISTENING " + connector.getLocalPort());
    server.join();
  }
}
