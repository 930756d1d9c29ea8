package io.tracer.instrumentation.lettuce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * Lettuce 5.0 is below the supported range (its own surefire run): it must work as before, with no spans, and the
 * agent says once, at debug level, why.
 */
class Lettuce50UninstrumentedTest {

  @Test
  void lettuce50WorksAndIsLeftAlone() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    try {
      AgentLog.enableDebug(true);
      TestAgent.install();
      LocalServices.REDIS.require();
      useTheLibrary();
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    assertTrue(said.toString().contains("Lettuce: this version (5.0) is not supported"), said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  private static void useTheLibrary() {
    assertTrue(RedisClient.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .contains("lettuce-core-5.0."));
    String key = "lettuce50-test:key";
    RedisClient client = RedisClient.create(LocalServices.REDIS.url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> sync = connection.sync();
      assertEquals("OK", sync.set(key, "value"));
      assertEquals("value", sync.get(key));
      assertEquals(1L, sync.del(key));
    } finally {
      client.shutdown();
    }
  }
}
