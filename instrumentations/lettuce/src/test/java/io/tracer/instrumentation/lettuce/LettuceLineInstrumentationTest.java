package io.tracer.instrumentation.lettuce;

import static io.tracer.testing.RedisSpans.assertCommand;
import static io.tracer.testing.RedisSpans.awaitOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An older supported line, Lettuce 5.x or 6.x, which its own surefire run puts in place of the newest and names in
 * {@code lettuce.line}. Lettuce types stay out of this class's fields and signatures, so that none loads before the
 * agent is installed.
 */
class LettuceLineInstrumentationTest {

  private static final int LINE = Integer.getInteger("lettuce.line", 0);
  private static final String PREFIX = "lettuce" + LINE + "-test:";

  @Test
  void syncAsyncAndErrorsAreTraced() throws Exception {
    TestAgent.install();
    LocalServices.REDIS.require();
    assertTrue(RedisClient.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .contains("lettuce-core-" + LINE + "."));
    String key = PREFIX + "user:1";
    RedisClient client = RedisClient.create(LocalServices.REDIS.url());
    try (StatefulRedisConnection<String, String> connection = client.connect(
        RedisURI.create(LocalServices.REDIS.url() + "/2"))) {
      RedisCommands<String, String> sync = connection.sync();
      sync.set(key, "secret");
      assertEquals("secret", sync.get(key));
      Span parent = AgentServices.tracer("test").spanBuilder("request").startSpan();
      RedisFuture<Long> deleted;
      try (Scope ignored = parent.makeCurrent()) {
        deleted = connection.async().del(key);
      } finally {
        parent.end();
      }
      assertEquals(1L, deleted.get(10, TimeUnit.SECONDS));
      sync.rpush(key, "a list");
      assertThrows(RedisCommandExecutionException.class, () -> sync.get(key));
      sync.del(key);

      assertCommand(awaitOne("SET", key), "SET", "SET " + key + " ?", "2");
      SpanData del = awaitOne("DEL", key);
      assertEquals(parent.getSpanContext().getSpanId(), del.getParentSpanId());
      SpanData failed = TestAgent.awaitSpans(span -> span.getName().equals("GET")
          && span.getStatus().getStatusCode() == StatusCode.ERROR, 1, java.time.Duration.ofSeconds(10)).get(0);
      assertEquals("WRONGTYPE", failed.getAttributes().get(RedisSpans.STATUS_CODE));
    } finally {
      client.shutdown();
    }
  }
}
