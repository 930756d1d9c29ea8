package io.tracer.instrumentation.lettuce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import org.junit.jupiter.api.Test;

/** Lettuce 5.0 is below the supported range (its own surefire run): it must work as before, with no spans. */
class Lettuce50UninstrumentedTest {

  @Test
  void lettuce50WorksAndIsLeftAlone() {
    TestAgent.install();
    LocalServices.REDIS.require();
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
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }
}
