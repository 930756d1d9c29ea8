package io.tracer.benchmarks.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The work behind the endpoints: one PostgreSQL query through HikariCP, one Redis GET through a Jedis pool, one
 * outgoing HTTP call to this service's own empty endpoint. Tables and keys are prefixed {@code bench_}.
 */
final class Backends implements AutoCloseable {

  static final int ROWS = 1000;
  private static final int POOL_SIZE = 16;
  private static final String QUERY = "SELECT name, price FROM bench_items WHERE id = ?";

  private final HikariDataSource database;
  private final JedisPool redis;
  private final HttpClient http;
  private final URI nothingEndpoint;

  private Backends(HikariDataSource database, JedisPool redis, HttpClient http, URI nothingEndpoint) {
    this.database = database;
    this.redis = redis;
    this.http = http;
    this.nothingEndpoint = nothingEndpoint;
  }

  static Backends connect(int ownPort) throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getProperty("bench.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test"));
    config.setUsername(System.getProperty("bench.jdbc.user", "postgres"));
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("bench");
    HikariDataSource database = new HikariDataSource(config);
    JedisPoolConfig poolConfig = new JedisPoolConfig();
    poolConfig.setMaxTotal(POOL_SIZE);
    poolConfig.setMaxIdle(POOL_SIZE);
    JedisPool redis = new JedisPool(poolConfig, System.getProperty("bench.redis.host", "127.0.0.1"),
        Integer.getInteger("bench.redis.port", 6379));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Backends backends = new Backends(database, redis, http, URI.create("http://127.0.0.1:" + ownPort + "/a"));
    backends.prepareData();
    return backends;
  }

  /** Idempotent, so that every run of every configuration starts from the same rows and keys. */
  private void prepareData() throws SQLException {
    try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS bench_items (id INT PRIMARY KEY, name TEXT NOT NULL, "
          + "price NUMERIC(10, 2) NOT NULL)");
      statement.execute("INSERT INTO bench_items SELECT i, 'item ' || i, i * 1.25 FROM generate_series(0, "
          + (ROWS - 1) + ") AS i ON CONFLICT (id) DO NOTHING");
    }
    try (Jedis jedis = redis.getResource()) {
      for (int id = 0; id < ROWS; id++) {
        jedis.set(redisKey(id), "item " + id);
      }
    }
  }

  String queryDatabase(int id) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(QUERY)) {
      statement.setInt(1, id);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? row.getString(1) + " " + row.getBigDecimal(2) : "none";
      }
    }
  }

  String getFromRedis(int id) {
    try (Jedis jedis = redis.getResource()) {
      return jedis.get(redisKey(id));
    }
  }

  int callNothingEndpoint() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(nothingEndpoint).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String redisKey(int id) {
    return "bench_item:" + id;
  }

  @Override
  public void close() {
    redis.close();
    database.close();
  }
}
