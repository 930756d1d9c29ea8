package io.tracer.instrumentation.jedis;

import static io.tracer.testing.RedisSpans.assertCommand;
import static io.tracer.testing.RedisSpans.awaitOne;
import static io.tracer.testing.RedisSpans.mentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.LocalServices;
import io.tracer.testing.RedisSpans;
import io.tracer.testing.TestAgent;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The newest Jedis against the local Redis. The pom ignores {@code ECHO} and {@code PING} and cuts arguments at 40
 * characters, so those settings are checked here too.
 */
class JedisInstrumentationTest {

  private static final String PREFIX = "jedis-test:";
  private static final HostAndPort REDIS = new HostAndPort(LocalServices.HOST, 6379);
  private static JedisPool pool;
  /** Jedis 8's pooled client ({@code JedisPooled} before): a {@link UnifiedJedis}. */
  private static UnifiedJedis pooled;

  @BeforeAll
  static void connect() {
    TestAgent.install();
    LocalServices.REDIS.require();
    pool = new JedisPool(LocalServices.HOST, 6379);
    pooled = RedisClient.create(LocalServices.REDIS.url() + "/4");
  }

  @AfterAll
  static void close() {
    if (pool != null) {
      pool.close();
    }
    if (pooled != null) {
      pooled.close();
    }
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
  }

  @Test
  void everyCommandIsOneClientSpanWithItsKeysAndWithoutItsValues() {
    String key = PREFIX + "user:1";
    try (Jedis jedis = new Jedis(REDIS)) {
      assertEquals("OK", jedis.set(key, "very secret value"));
      assertEquals("very secret value", jedis.get(key));
      jedis.hset(key + ":h", "name", "ada");
      jedis.del(key, key + ":h");
    }
    assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "0");
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "0");
    assertCommand(awaitOne("HSET", key), "HSET", "HSET " + key + ":h name ?", "0");
    assertCommand(awaitOne("DEL", key), "DEL", "DEL " + key + " " + key + ":h", "0");
    List<SpanData> spans = mentioning(key);
    assertEquals(4, spans.size(), spans::toString);
    assertTrue(spans.stream().noneMatch(span -> span.toString().contains("very secret value")));
  }

  @Test
  void aCommandInsideARequestIsItsChild() {
    String key = PREFIX + "child";
    Span parent = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = parent.makeCurrent(); Jedis jedis = pool.getResource()) {
      jedis.incr(key);
    } finally {
      parent.end();
    }
    SpanData incr = awaitOne("INCR", key);
    assertEquals(parent.getSpanContext().getSpanId(), incr.getParentSpanId());
    assertEquals(parent.getSpanContext().getTraceId(), incr.getTraceId());
    pooled.del(key);
  }

  @Test
  void theDatabaseIndexIsTheNamespace() {
    String key = PREFIX + "namespace";
    pooled.set(key, "4");
    assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "4");
    try (Jedis jedis = new Jedis(REDIS)) {
      jedis.select(6);
      jedis.get(key);
    }
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "6");
    pooled.del(key);
  }

  @Test
  void aPipelineIsOneSpanPerSync() {
    String key = PREFIX + "pipeline";
    try (Jedis jedis = pool.getResource()) {
      Pipeline pipeline = jedis.pipelined();
      pipeline.set(key, "secret-in-pipeline");
      Response<String> value = pipeline.get(key);
      pipeline.incr(key + ":n");
      pipeline.sync();
      assertEquals("secret-in-pipeline", value.get());
      jedis.del(key, key + ":n");
    }
    SpanData batch = awaitOne("PIPELINE", key);
    assertEquals(3L, batch.getAttributes().get(RedisSpans.BATCH_SIZE));
    assertEquals("SET " + key + " ?; GET " + key + "; INCR " + key + ":n", RedisSpans.text(batch));
    assertEquals("PIPELINE", batch.getAttributes().get(RedisSpans.OPERATION));
    List<String> names = mentioning(key).stream().map(SpanData::getName).sorted().collect(Collectors.toList());
    assertEquals(List.of("DEL", "PIPELINE"), names);
  }

  @Test
  void aTransactionIsOneSpanPerExec() {
    String key = PREFIX + "transaction";
    try (Jedis jedis = new Jedis(REDIS)) {
      Transaction transaction = jedis.multi();
      transaction.set(key, "secret-in-transaction");
      transaction.incr(key + ":n");
      List<Object> results = transaction.exec();
      assertEquals(List.of("OK", 1L), results);
      jedis.del(key, key + ":n");
    }
    SpanData batch = awaitOne("MULTI", key);
    assertEquals(2L, batch.getAttributes().get(RedisSpans.BATCH_SIZE));
    assertEquals("MULTI; SET " + key + " ?; INCR " + key + ":n; EXEC", RedisSpans.text(batch));
    assertEquals(List.of("DEL", "MULTI"),
        mentioning(key).stream().map(SpanData::getName).sorted().collect(Collectors.toList()));
  }

  @Test
  void aPooledClientTracesItsPipelinesToo() {
    String key = PREFIX + "pooled-pipeline";
    try (var pipeline = pooled.pipelined()) {
      pipeline.set(key, "x");
      pipeline.del(key);
      pipeline.sync();
    }
    SpanData batch = awaitOne("PIPELINE", key);
    assertEquals(2L, batch.getAttributes().get(RedisSpans.BATCH_SIZE));
    assertEquals("4", batch.getAttributes().get(RedisSpans.NAMESPACE));
  }

  @Test
  void anErrorReplyIsRecordedAndReachesTheApplication() {
    String key = PREFIX + "wrongtype";
    try (Jedis jedis = new Jedis(REDIS)) {
      jedis.set(key, "a string");
      JedisDataException error = assertThrows(JedisDataException.class, () -> jedis.hget(key, "field"));
      assertTrue(error.getMessage().startsWith("WRONGTYPE"));
      jedis.del(key);
    }
    SpanData hget = awaitOne("HGET", key);
    assertEquals(StatusCode.ERROR, hget.getStatus().getStatusCode());
    assertEquals(JedisDataException.class.getName(), hget.getAttributes().get(RedisSpans.ERROR_TYPE));
    assertEquals("WRONGTYPE", hget.getAttributes().get(RedisSpans.STATUS_CODE));
    assertTrue(hget.getEvents().stream().anyMatch(event -> event.getName().equals("exception")));
  }

  @Test
  void aTimeoutIsRecordedAndReachesTheApplication() throws Exception {
    // a server that accepts connections (in its backlog) and never answers
    try (ServerSocket silent = new ServerSocket()) {
      silent.bind(new InetSocketAddress(LocalServices.HOST, 0));
      HostAndPort address = new HostAndPort(LocalServices.HOST, silent.getLocalPort());
      assertThrows(JedisConnectionException.class, () -> {
        // Jedis 8 connects (and introduces itself) at construction: whichever command comes first times out
        try (Jedis jedis = new Jedis(address, DefaultJedisClientConfig.builder().socketTimeoutMillis(200).build())) {
          jedis.get(PREFIX + "timeout");
        }
      });
    }
    SpanData failed = TestAgent.awaitSpans(span -> RedisSpans.isRedis(span)
        && span.getStatus().getStatusCode() == StatusCode.ERROR, 1, java.time.Duration.ofSeconds(10)).get(0);
    assertEquals(JedisConnectionException.class.getName(), failed.getAttributes().get(RedisSpans.ERROR_TYPE));
  }

  @Test
  void aReconnectedConnectionAwaitsNoReplyOfTheOldSocket() {
    String key = PREFIX + "reconnect";
    Connection connection = new Connection(REDIS);
    try {
      connection.sendCommand(Protocol.Command.SET, key, "its reply is never read");
      connection.disconnect();
      connection.sendCommand(Protocol.Command.GET, key);
      connection.getBulkReply();
    } finally {
      connection.close();
    }
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "0");
    assertTrue(mentioning(key).stream().noneMatch(span -> span.getName().equals("SET")));
  }

  @Test
  void credentialsNeverReachTheSpan() {
    try (Jedis jedis = new Jedis(REDIS)) {
      // this server has no password: the error reply is what the application sees
      assertThrows(JedisDataException.class, () -> jedis.auth("hunter2-password"));
    }
    SpanData auth = TestAgent.awaitSpans(span -> span.getName().equals("AUTH"), 1, java.time.Duration.ofSeconds(10))
        .get(0);
    assertEquals("AUTH ?", RedisSpans.text(auth));
    assertFalse(auth.toString().contains("hunter2"));
  }

  @Test
  void ignoredCommandsHaveNoSpanAndLongArgumentsAreCut() {
    String key = PREFIX + "long:" + "x".repeat(60);
    try (Jedis jedis = new Jedis(REDIS)) {
      jedis.ping();
      jedis.echo(PREFIX + "echo");
      jedis.exists(key);
    }
    SpanData exists = awaitOne("EXISTS", PREFIX + "long:");
    assertEquals("EXISTS " + key.substring(0, 40) + "...", RedisSpans.text(exists));
    assertTrue(TestAgent.spans().stream().noneMatch(span -> span.getName().equals("PING")
        || span.getName().equals("ECHO")));
  }
}
