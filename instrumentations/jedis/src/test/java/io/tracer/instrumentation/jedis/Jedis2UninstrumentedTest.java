package io.tracer.instrumentation.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.LocalServices;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Jedis 2.x is below the supported range (its own surefire run): it must work as before, with no spans, and the
 * agent says once, at debug level, why.
 */
class Jedis2UninstrumentedTest {

  @Test
  void jedis2WorksAndIsLeftAlone() {
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
    assertTrue(said.toString().contains("Jedis: this version (2.x or a later shape) is not supported"), said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  private static void useTheLibrary() {
    assertTrue(Jedis.class.getProtectionDomain().getCodeSource().getLocation().getPath().contains("jedis-2."));
    String key = "jedis2-test:key";
    try (Jedis jedis = new Jedis(LocalServices.HOST, 6379)) {
      assertEquals("OK", jedis.set(key, "value"));
      assertEquals("value", jedis.get(key));
      Pipeline pipeline = jedis.pipelined();
      Response<Long> incremented = pipeline.incr(key + ":n");
      pipeline.del(key, key + ":n");
      pipeline.sync();
      assertEquals(1L, incremented.get());
    }
  }
}
