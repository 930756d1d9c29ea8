package example.allpaths;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tracer.smoke.app.rocketmq.EmbeddedBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.quartz.Scheduler;
import org.quartz.impl.StdSchedulerFactory;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Every client {@code /all} uses, built once and shared by all requests: pools and workers sized for
 * {@link #CONCURRENCY} requests at once.
 */
final class Backends implements AutoCloseable {

  static final int CONCURRENCY = 16;
  static final String TOPIC = "tracer-all-paths";

  final HikariDataSource postgres;
  final HikariDataSource mariadb;
  final JedisPool jedis;
  final StatefulRedisConnection<String, String> lettuce;
  final HttpClient jdkHttpClient = HttpClient.newHttpClient();
  final OkHttpClient okHttpClient = new OkHttpClient();
  final CloseableHttpClient apacheHttpClient =
      HttpClients.custom().setMaxConnPerRoute(CONCURRENCY).setMaxConnTotal(CONCURRENCY).build();
  final ExecutorService executor = Executors.newFixedThreadPool(CONCURRENCY);
  final DefaultMQProducer producer;
  final JobScheduler jobScheduler;
  final Scheduler quartz;

  /** What to close, in the order it was opened. */
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Opens every client and server, in the order {@link #close()} undoes; a failure ends the application. */
  Backends() throws Exception {
    opened.add(apacheHttpClient);
    opened.add(executor::shutdownNow);
    postgres = open(pool("postgres", env("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
        env("POSTGRES_USER", "postgres")));
    mariadb = open(pool("mariadb", env("MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
        env("MARIADB_USER", "root")));

    URI redis = URI.create(env("REDIS_URI", "redis://127.0.0.1:6379"));
    JedisPoolConfig jedisPoolConfig = new JedisPoolConfig();
    jedisPoolConfig.setMaxTotal(CONCURRENCY);
    jedis = open(new JedisPool(jedisPoolConfig, redis.getHost(), redis.getPort()));
    RedisClient lettuceClient = RedisClient.create(redis.toString());
    opened.add(lettuceClient::shutdown);
    // one connection: Lettuce's are thread-safe and pipeline the commands of concurrent callers
    lettuce = open(lettuceClient.connect());

    EmbeddedBroker broker = open(EmbeddedBroker.start(List.of(TOPIC)));
    String namesrv = "127.0.0.1:" + broker.namesrvPort();
    producer = new DefaultMQProducer("tracer-all-paths-producer");
    producer.setNamesrvAddr(namesrv);
    producer.start();
    opened.add(producer::shutdown);
    startConsumer(namesrv);

    JacksonJsonMapper json = new JacksonJsonMapper();
    InMemoryStorageProvider storage = new InMemoryStorageProvider();
    storage.setJobMapper(new JobMapper(json));
    BackgroundJobServer jobServer = new BackgroundJobServer(storage, json, null,
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
            .andPollInterval(Duration.ofMillis(200))
            .andWorkerCount(CONCURRENCY)
            // the in-memory storage keeps a succeeded job (a kilobyte or so) for 36 hours, and a deleted one for 72
            // more: under the soak test's load, that alone is a heap that grows with every request
            .andDeleteSucceededJobsAfter(Duration.ofSeconds(1))
            .andPermanentlyDeleteDeletedJobsAfter(Duration.ofSeconds(1)));
    jobServer.start();
    opened.add(jobServer::stop);
    jobScheduler = new JobScheduler(storage);

    Properties quartzProperties = new Properties();
    quartzProperties.setProperty("org.quartz.scheduler.instanceName", "all-paths");
    quartzProperties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(CONCURRENCY));
    quartzProperties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    quartz = new StdSchedulerFactory(quartzProperties).getScheduler();
    quartz.start();
    opened.add(() -> quartz.shutdown(false));
  }

  private void startConsumer(String namesrv) throws Exception {
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("tracer-all-paths-consumer");
    consumer.setNamesrvAddr(namesrv);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    // as in the rocketmq app: a heartbeat skipped at start-up would otherwise leave the queue unassigned for 30 s
    consumer.setHeartbeatBrokerInterval(200);
    consumer.setPollNameServerInterval(200);
    consumer.setConsumeThreadMin(CONCURRENCY);
    consumer.setConsumeThreadMax(CONCURRENCY);
    consumer.subscribe(TOPIC, "*");
    consumer.registerMessageListener(
        (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    consumer.start();
    opened.add(consumer::shutdown);
  }

  private static HikariDataSource pool(String name, String url, String user) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(CONCURRENCY);
    return new HikariDataSource(config);
  }

  private <T extends AutoCloseable> T open(T closeable) {
    opened.add(closeable);
    return closeable;
  }

  private static String env(String name, String fallback) {
    return System.getenv().getOrDefault(name, fallback);
  }

  @Override
  public void close() {
    List<AutoCloseable> toClose = new ArrayList<>(opened);
    Collections.reverse(toClose);
    for (AutoCloseable closeable : toClose) {
      try {
        closeable.close();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }
  }
}
