package example.allpaths;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.util.EntityUtils;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.message.Message;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import redis.clients.jedis.Jedis;

/**
 * {@code GET /all} with the header {@code X-Secret: <s>}: hands {@code s}, suffixed by the path it takes
 * ({@code s-postgres-literal}, {@code s-okhttp-userinfo}, ...), to every instrumented library in one request, and
 * answers {@code ok <request id>} once each has taken it; the message's consumer, the JobRunr job and the Quartz job
 * run afterwards, on their own threads. Safe for concurrent requests: each has its own Redis keys and job names.
 * <ul>
 *   <li>JDBC, PostgreSQL and MariaDB through HikariCP: a statement with {@code s} as a string literal in its text,
 *   and a prepared statement with it as its bind parameter;</li>
 *   <li>Redis: Jedis (from its pool, on a thread of a pool of this app) {@code SET}, {@code GET} and {@code DEL};
 *   Lettuce (in a {@code CompletableFuture} stage on the common pool) {@code SET} and {@code DEL};</li>
 *   <li>HTTP: {@code HttpURLConnection}, the JDK {@code HttpClient}, OkHttp and Apache HttpClient 4 each call
 *   {@code /echo} of this app with {@code s} as the password of the URL's user info and as its {@code token}
 *   query parameter;</li>
 *   <li>RocketMQ: one message with {@code s} in its body and in its user property {@code password};</li>
 *   <li>JobRunr: a job enqueued with {@code s} as its argument; Quartz: a job run once, {@code s} in its
 *   {@code JobDataMap}.</li>
 * </ul>
 */
final class AllPathsServlet extends HttpServlet {

  static final String SECRET_HEADER = "X-Secret";

  private final transient Backends backends;

  AllPathsServlet(Backends backends) {
    this.backends = backends;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String secret = request.getHeader(SECRET_HEADER) == null ? "no-secret" : request.getHeader(SECRET_HEADER);
    String id = UUID.randomUUID().toString();
    try {
      query(backends.postgres, secret + "-postgres");
      query(backends.mariadb, secret + "-mariadb");
      backends.executor.submit(() -> jedis("all-paths:" + id + ":jedis", secret + "-jedis")).get();
      CompletableFuture.runAsync(() -> lettuce("all-paths:" + id + ":lettuce", secret + "-lettuce")).get();
      String echo = "127.0.0.1:" + request.getLocalPort() + "/echo";
      callWithUrlConnection(url(echo, secret, "http-url-connection"));
      callWithJdkClient(url(echo, secret, "java-http-client"));
      callWithOkHttp(url(echo, secret, "okhttp"));
      callWithApache(url(echo, secret, "apache-httpclient"));
      send(secret + "-rocketmq");
      String jobArgument = secret + "-jobrunr-argument";
      backends.jobScheduler.enqueue(() -> AllPathsJobs.remember(jobArgument));
      scheduleQuartzJob(id, secret + "-quartz-data");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (SQLException | ExecutionException | SchedulerException e) {
      throw new IOException(e);
    }
    response.setContentType("text/plain");
    response.getWriter().write("ok " + id);
  }

  private static void query(DataSource dataSource, String secret) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("select '" + secret + "-literal'")) {
        result.next();
      }
      try (PreparedStatement statement = connection.prepareStatement("select ?")) {
        statement.setString(1, secret + "-bind");
        try (ResultSet result = statement.executeQuery()) {
          result.next();
        }
      }
    }
  }

  private Void jedis(String key, String value) {
    try (Jedis jedis = backends.jedis.getResource()) {
      jedis.set(key, value);
      jedis.get(key);
      jedis.del(key);
    }
    return null;
  }

  private void lettuce(String key, String value) {
    backends.lettuce.sync().set(key, value);
    backends.lettuce.sync().del(key);
  }

  private static String url(String echo, String secret, String client) {
    return "http://alice:" + secret + "-" + client + "-userinfo@" + echo + "?token=" + secret + "-" + client
        + "-token&client=" + client;
  }

  private static void callWithUrlConnection(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
  }

  private void callWithJdkClient(String url) throws IOException, InterruptedException {
    backends.jdkHttpClient.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private void callWithOkHttp(String url) throws IOException {
    try (Response answer = backends.okHttpClient.newCall(new Request.Builder().url(url).build()).execute()) {
      answer.body().string();
    }
  }

  private void callWithApache(String url) throws IOException {
    try (CloseableHttpResponse answer = backends.apacheHttpClient.execute(new HttpGet(url))) {
      EntityUtils.consume(answer.getEntity());
    }
  }

  private void send(String secret) throws IOException, InterruptedException {
    Message message = new Message(Backends.TOPIC, (secret + "-body").getBytes(StandardCharsets.UTF_8));
    message.putUserProperty("password", secret + "-property");
    SendResult result;
    try {
      result = backends.producer.send(message);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("send to " + Backends.TOPIC + " failed", e);
    }
    if (result.getSendStatus() != SendStatus.SEND_OK) {
      throw new IOException("send to " + Backends.TOPIC + ": " + result.getSendStatus());
    }
  }

  private void scheduleQuartzJob(String id, String secret) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(RememberJob.class)
        .withIdentity(id, "all-paths")
        .usingJobData(RememberJob.SECRET_KEY, secret)
        .build();
    Trigger once = TriggerBuilder.newTrigger().withIdentity(id, "all-paths").startNow().build();
    backends.quartz.scheduleJob(job, once);
  }
}
