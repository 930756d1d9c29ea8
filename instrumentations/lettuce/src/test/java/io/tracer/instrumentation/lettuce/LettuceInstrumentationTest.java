package io.tracer.instrumentation.lettuce;

import static io.tracer.testing.RedisSpans.assertCommand;
import static io.tracer.testing.RedisSpans.awaitOne;
import static io.tracer.testing.RedisSpans.mentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.LocalServices;
import io.tracer.testing.RedisSpans;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The newest Lettuce against the local Redis. The pom ignores {@code ECHO} and {@code PING} and cuts arguments at
 * 40 characters, so those settings are checked here too.
 */
class LettuceInstrumentationTest {

  private static final String PREFIX = "lettuce-test:";
  @BeforeAll
  static void connect() {
    TestAgent.install();
    LocalServices.REDIS.require();
    Shared.connect();
  }

  @AfterAll
  static void close() {
    Shared.close();
  }

  /**
   * The shared client lives here, not in the test class: JUnit reads the test class's fields and method signatures
   * reflectively before {@code @BeforeAll}, and a Lettuce type there would load Lettuce classes before the agent is
   * installed (the installer would then meet them only as already loaded classes).
   */
  private static final class Shared {
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    static void connect() {
      client = RedisClient.create(LocalServices.REDIS.url());
      connection = client.connect();
    }

    static void close() {
      if (connection != null) {
        connection.close();
        client.shutdown();
      }
    }
  }

    @BeforeEach
  void reset() {
    TestAgent.reset();
  }

  @Test
  void everySyncCommandIsOneClientSpanWithItsKeysAndWithoutItsValues() {
    String key = PREFIX + "user:1";
    RedisCommands<String, String> sync = Shared.connection.sync();
    assertEquals("OK", sync.set(key, "very secret value"));
    assertEquals("very secret value", sync.get(key));
    sync.hset(key + ":h", "name", "ada");
    sync.del(key, key + ":h");
    assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "0");
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "0");
    assertCommand(awaitOne("HSET", key), "HSET", "HSET " + key + ":h name ?", "0");
    assertCommand(awaitOne("DEL", key), "DEL", "DEL " + key + " " + key + ":h", "0");
    List<SpanData> spans = mentioning(key);
    assertEquals(4, spans.size(), spans::toString);
    assertTrue(spans.stream().noneMatch(span -> span.toString().contains("very secret value")));
  }

  @Test
  void anAsyncCommandIssuedInsideASpanIsItsChild() throws Exception {
    String key = PREFIX + "async";
    Shared.connection.sync().del(key);
    TestAgent.reset();
    Span parent = AgentServices.tracer("test").spanBuilder("request").startSpan();
    RedisFuture<Long> incremented;
    try (Scope ignored = parent.makeCurrent()) {
      incremented = Shared.connection.async().incr(key);
    } finally {
      parent.end();
    }
    assertEquals(1L, incremented.get(10, TimeUnit.SECONDS));
    SpanData incr = awaitOne("INCR", key);
    assertEquals(parent.getSpanContext().getSpanId(), incr.getParentSpanId());
    assertEquals(parent.getSpanContext().getTraceId(), incr.getTraceId());
    Shared.connection.sync().del(key);
  }

  @Test
  void aReactiveCommandIsAChildOfWhereItIsSubscribed() {
    String key = PREFIX + "reactive";
    Span parent = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      assertEquals("OK", Shared.connection.reactive().set(key, "x").block(Duration.ofSeconds(10)));
    } finally {
      parent.end();
    }
    SpanData set = awaitOne("SET", key);
    assertEquals(parent.getSpanContext().getSpanId(), set.getParentSpanId());
    Shared.connection.sync().del(key);
  }

  @Test
  void theSpanEndsWhenTheReplyArrivesNotWhenTheCommandIsWritten() throws Exception {
    String key = PREFIX + "blocking";
    String name = "lettuce-test-blocker";
    try (StatefulRedisConnection<String, String> blocker = Shared.client.connect()) {
      blocker.sync().clientSetname(name);
      RedisFuture<KeyValue<String, String>> popped = blocker.async().blpop(30, key);
      awaitBlockedOnTheServer(name);
      assertTrue(mentioning(key).isEmpty(), "the BLPOP is written and waits: its span must not have ended");
      Shared.connection.sync().rpush(key, "wake up");
      assertEquals("wake up", popped.get(10, TimeUnit.SECONDS).getValue());
    }
    assertCommand(awaitOne("BLPOP", key), "BLPOP", "BLPOP " + key + " 30", "0");
  }

  /** Polls the server until the named client is blocked in BLPOP (so the command has surely been written). */
  private static void awaitBlockedOnTheServer(String clientName) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (String line : Shared.connection.sync().clientList().split("\n")) {
        if (line.contains("name=" + clientName + " ") && line.contains("cmd=blpop")) {
          return;
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the BLPOP never blocked on the server");
  }

  @Test
  void theDatabaseIndexIsTheNamespace() {
    String key = PREFIX + "namespace";
    try (StatefulRedisConnection<String, String> inDatabase3 = Shared.client.connect(
        RedisURI.create(LocalServices.REDIS.url() + "/3"))) {
      RedisCommands<String, String> sync = inDatabase3.sync();
      sync.set(key, "3");
      assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "3");
      sync.del(key);
      sync.select(5);
      sync.get(key);
    }
    assertCommand(awaitOne("GET", key), "GET", "GET " + key, "5");
  }

  @Test
  void anErrorReplyIsRecordedAndReachesTheApplication() {
    String key = PREFIX + "wrongtype";
    RedisCommands<String, String> sync = Shared.connection.sync();
    sync.set(key, "a string");
    RedisCommandExecutionException error = assertThrows(RedisCommandExecutionException.class,
        () -> sync.hget(key, "field"));
    assertTrue(error.getMessage().startsWith("WRONGTYPE"));
    sync.del(key);
    SpanData hget = awaitOne("HGET", key);
    assertEquals(StatusCode.ERROR, hget.getStatus().getStatusCode());
    assertEquals(RedisCommandExecutionException.class.getName(), hget.getAttributes().get(RedisSpans.ERROR_TYPE));
    assertEquals("WRONGTYPE", hget.getAttributes().get(RedisSpans.STATUS_CODE));
    assertTrue(hget.getEvents().stream().anyMatch(event -> event.getName().equals("exception")));
  }

  @Test
  void aTimeoutIsRecordedAndReachesTheApplication() {
    String key = PREFIX + "timeout";
    RedisURI impatient = RedisURI.create(LocalServices.REDIS.url());
    impatient.setTimeout(Duration.ofMillis(200));
    try (StatefulRedisConnection<String, String> waiting = Shared.client.connect(impatient)) {
      assertThrows(RedisCommandTimeoutException.class, () -> waiting.sync().blpop(5, key));
    }
    SpanData blpop = awaitOne("BLPOP", key);
    assertEquals(StatusCode.ERROR, blpop.getStatus().getStatusCode());
    assertEquals(RedisCommandTimeoutException.class.getName(), blpop.getAttributes().get(RedisSpans.ERROR_TYPE));
  }

  @Test
  void credentialsNeverReachTheSpan() {
    // this server has no password: the error reply is what the application sees
    assertThrows(RedisCommandExecutionException.class, () -> Shared.connection.sync().auth("hunter2-password"));
    SpanData auth = TestAgent.awaitSpans(span -> span.getName().equals("AUTH"), 1, Duration.ofSeconds(10)).get(0);
    assertEquals("AUTH ?", RedisSpans.text(auth));
    assertFalse(auth.toString().contains("hunter2"));
  }

  @Test
  void ignoredCommandsHaveNoSpanAndLongArgumentsAreCut() {
    String key = PREFIX + "long:" + "x".repeat(60);
    RedisCommands<String, String> sync = Shared.connection.sync();
    sync.ping();
    sync.echo(PREFIX + "echo");
    sync.exists(key);
    SpanData exists = awaitOne("EXISTS", PREFIX + "long:");
    assertEquals("EXISTS " + key.substring(0, 40) + "...", RedisSpans.text(exists));
    assertTrue(TestAgent.spans().stream().noneMatch(span -> span.getName().equals("PING")
        || span.getName().equals("ECHO")));
  }
}
