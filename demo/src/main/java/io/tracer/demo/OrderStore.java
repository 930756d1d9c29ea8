package io.tracer.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The demo's data: orders in PostgreSQL (through HikariCP), a view counter per order in Redis (through a Jedis
 * pool). Both servers run on 127.0.0.1 on this project's machines ({@code .ci/services} starts them).
 */
final class OrderStore implements AutoCloseable {

  private final HikariDataSource database;
  private final JedisPool redis;

  private OrderStore(HikariDataSource database, JedisPool redis) {
    this.database = database;
    this.redis = redis;
  }

  static OrderStore open() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getenv().getOrDefault("DEMO_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    config.setUsername(System.getenv().getOrDefault("DEMO_JDBC_USER", "postgres"));
    config.setMaximumPoolSize(4);
    config.setInitializationFailTimeout(-1);
    HikariDataSource database = new HikariDataSource(config);
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS demo_orders (id INT PRIMARY KEY, status TEXT NOT NULL)");
      statement.execute("INSERT INTO demo_orders VALUES (42, 'shipped') ON CONFLICT (id) DO NOTHING");
    }
    JedisPool redis = DemoRedis.pool();
    return new OrderStore(database, redis);
  }

  /** @return the order's status and how often it was looked at, or {@code null} when there is no such order */
  String describe(int orderId) throws SQLException {
    String status;
    try (Connection connection = database.getConnection();
        PreparedStatement query = connection.prepareStatement("SELECT status FROM demo_orders WHERE id = ?")) {
      query.setInt(1, orderId);
      try (ResultSet result = query.executeQuery()) {
        if (!result.next()) {
          return null;
        }
        status = result.getString(1);
      }
    }
    long views;
    try (Jedis jedis = redis.getResource()) {
      views = jedis.incr("demo:order:" + orderId + ":views");
    }
    return "{\"order\":" + orderId + ",\"status\":\"" + status + "\",\"views\":" + views + "}";
  }

  @Override
  public void close() {
    redis.close();
    database.close();
  }
}
