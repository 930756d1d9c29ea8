package io.tracer.smoke.app.middle;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import redis.clients.jedis.RedisClient;

/**
 * {@code /stock/<sku>}: the SKU's quantity from PostgreSQL, its reservation from Redis, then the downstream
 * {@code /orders/<sku>} once with OkHttp and once with Apache HttpClient; answers all four.
 */
final class StockServlet extends HttpServlet {

  private final Connection database;
  private final String query;
  private final RedisClient redis;
  private final String redisKeyPrefix;
  private final String downstream;
  private final OkHttpClient okHttpClient = new OkHttpClient();
  private final CloseableHttpClient apacheClient = HttpClients.createDefault();

  StockServlet(Connection database, String table, RedisClient redis, String redisKeyPrefix, String downstream) {
    this.database = database;
    this.query = "SELECT quantity FROM " + table + " WHERE sku = ?";
    this.redis = redis;
    this.redisKeyPrefix = redisKeyPrefix;
    this.downstream = downstream;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String sku = request.getPathInfo().substring(1);
    String answer = "quantity=" + quantity(sku) + " reserved=" + redis.get(redisKeyPrefix + sku)
        + " okhttp=" + callWithOkHttp(sku) + " apache=" + callWithApache(sku);
    response.setContentType("text/plain");
    response.getWriter().write(answer);
  }

  private String quantity(String sku) throws IOException {
    // one connection for the whole service: requests take turns
    synchronized (database) {
      try (PreparedStatement statement = database.prepareStatement(query)) {
        statement.setString(1, sku);
        try (ResultSet result = statement.executeQuery()) {
          return result.next() ? result.getString(1) : null;
        }
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
  }

  private String callWithOkHttp(String sku) throws IOException {
    Request request = new Request.Builder().url(downstream + "/orders/" + sku + "?client=okhttp").build();
    try (Response response = okHttpClient.newCall(request).execute()) {
      return response.body().string();
    }
  }

  private String callWithApache(String sku) throws IOException {
    return apacheClient.execute(new HttpGet(downstream + "/orders/" + sku + "?client=apache"),
        response -> EntityUtils.toString(response.getEntity()));
  }
}
