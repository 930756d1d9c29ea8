package io.tracer.instrumentation.jedis;

import static io.tracer.testing.RedisSpans.assertCommand;
import static io.tracer.testing.RedisSpans.awaitOne;
import static io.tracer.testing.RedisSpans.mentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.LocalServices;
import io.tracer.testing.RedisSpans;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * An older supported line, Jedis 3.x or 4.x, which its own surefire run puts in place of the newest and names in
 * {@code jedis.line}: only API that all lines share is used here.
 */
class JedisLineInstrumentationTest {

  private static final int LINE = Integer.getInteger("jedis.line", 0);
  private static final String PREFIX = "jedis" + LINE + "-test:";

  @BeforeAll
  static void install() {
    TestAgent.install();
    LocalServices.REDIS.require();
  }

  @BeforeEach
  void reset() {
    TestAgent.reset();
  }

  @Test
  void runsAgainstTheLineItNames() {
    assertTrue(redis.clients.jedis.Connection.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .contains("jedis-" + LINE + "."));
  }

  @Test
  void commandsThroughJedisAndThePoolAreSpans() {
    String key = PREFIX + "user:1";
    try (JedisPool pool = new JedisPool(LocalServices.HOST, 6379); Jedis jedis = pool.getResource()) {
      jedis.select(2);
      jedis.set(key, "secret");
      assertEquals("secret", jedis.get(key));
      delete(jedis, key);
    }
    assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "2");
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "2");
    assertEquals(3, mentioning(key).size());
  }

  @Test
  void pipelinesAndTransactionsAreOneSpanEach() {
    String key = PREFIX + "batch";
    try (Jedis jedis = new Jedis(LocalServices.HOST, 6379)) {
      Pipeline pipeline = jedis.pipelined();
      pipeline.set(key, "1");
      pipeline.incr(key);
      pipeline.sync();
      Transaction transaction = jedis.multi();
      transaction.incr(key);
      transaction.del(key);
      assertEquals(List.of(3L, 1L), transaction.exec());
    }
    SpanData pipeline = awaitOne("PIPELINE", key);
    assertEquals(2L, pipeline.getAttributes().get(RedisSpans.BATCH_SIZE));
    assertEquals("SET " + key + " ?; INCR " + key, RedisSpans.text(pipeline));
    SpanData transaction = awaitOne("MULTI", key);
    assertEquals(2L, transaction.getAttributes().get(RedisSpans.BATCH_SIZE));
    // Jedis 3 reads MULTI's reply in multi() itself: that round trip is a span of its own
    String multi = LINE == 3 ? "" : "MULTI; ";
    assertEquals(multi + "INCR " + key + "; DEL " + key + "; EXEC", RedisSpans.text(transaction));
    assertEquals(List.of("MULTI", "PIPELINE"),
        mentioning(key).stream().map(SpanData::getName).sorted().collect(Collectors.toList()));
  }

  /** Through a pipeline: {@code Jedis.del} returns {@code Long} in 3.x and {@code long} later, not linkable from both. */
  private static void delete(Jedis jedis, String key) {
    Pipeline pipeline = jedis.pipelined();
    pipeline.del(key);
    pipeline.sync();
  }

  @Test
  void errorsAreRecorded() {
    String key = PREFIX + "wrongtype";
    try (Jedis jedis = new Jedis(LocalServices.HOST, 6379)) {
      jedis.set(key, "a string");
      assertThrows(JedisDataException.class, () -> jedis.hget(key, "field"));
      delete(jedis, key);
    }
    SpanData hget = awaitOne("HGET", key);
    assertEquals(StatusCode.ERROR, hget.getStatus().getStatusCode());
    assertEquals("WRONGTYPE", hget.getAttributes().get(RedisSpans.STATUS_CODE));
  }
}
