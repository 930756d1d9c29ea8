package io.tracer.instrumentation.jedis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.testing.LocalServices;
import io.tracer.testing.RedisSpans;
import io.tracer.testing.TestAgent;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A web application redeployed again and again: each round loads Jedis and its dependencies in a fresh class
 * loader, as an application server does for each deployment, runs traced commands through it (so the agent links
 * advice and defines its module classes for that loader), then drops it. The agent must not keep any of those
 * loaders alive.
 */
class DroppedClassLoaderTest {

  private static final int DEPLOYMENTS = 20;
  /** The last round's loader may still sit in a register or a not yet cleared cache entry: the rest may not. */
  private static final int TOLERATED_SURVIVORS = 1;
  private static final int MAX_COLLECTIONS = 20;
  /** Short: the pom cuts span arguments at 40 characters. */
  private static final String RUN = "dl:" + UUID.randomUUID().toString().substring(0, 8) + ":";

  @BeforeAll
  static void installAgent() {
    TestAgent.install();
    LocalServices.REDIS.require();
  }

  @Test
  void everyDroppedApplicationClassLoaderIsCollected() throws Exception {
    URL[] libraries = jarsOf("redis.clients.jedis.Jedis", "org.apache.commons.pool2.PooledObject",
        "org.slf4j.LoggerFactory", "com.google.gson.Gson", "org.json.JSONObject");
    List<WeakReference<ClassLoader>> deployments = new ArrayList<>();
    for (int round = 0; round < DEPLOYMENTS; round++) {
      deployments.add(new WeakReference<>(deployAndUse(libraries, RUN + round)));
    }

    int alive = aliveAfterCollections(deployments);

    assertTrue(alive <= TOLERATED_SURVIVORS,
        alive + " of " + DEPLOYMENTS + " dropped application class loaders are still reachable");
  }

  /** One deployment: its own Jedis classes, a SET through them that the agent traces; answers its loader. */
  private static ClassLoader deployAndUse(URL[] libraries, String key) throws Exception {
    URLClassLoader application = new URLClassLoader(libraries, ClassLoader.getPlatformClassLoader());
    Class<?> jedisClass = Class.forName("redis.clients.jedis.Jedis", true, application);
    Object jedis = jedisClass.getConstructor(String.class, int.class)
        .newInstance(LocalServices.HOST, LocalServices.REDIS.port());
    try {
      Method set = jedisClass.getMethod("set", String.class, String.class);
      assertEquals("OK", set.invoke(jedis, key, "v"));
      jedisClass.getMethod("del", String.class).invoke(jedis, key);
    } finally {
      jedisClass.getMethod("close").invoke(jedis);
      application.close();
    }
    // the agent really instrumented this loader's Jedis, not the test class path's
    TestAgent.awaitSpans(span -> {
      String query = span.getAttributes().get(RedisSpans.QUERY);
      return query != null && query.startsWith("SET " + key);
    }, 1, Duration.ofSeconds(10));
    return application;
  }

  /**
   * Collects until at most {@link #TOLERATED_SURVIVORS} loaders are left or {@link #MAX_COLLECTIONS} collections
   * have passed; answers how many are still alive. Allocation between the calls makes the collector do real work,
   * as {@code System.gc()} alone is only a request.
   */
  private static int aliveAfterCollections(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
    int alive = loaders.size();
    for (int collection = 0; collection < MAX_COLLECTIONS && alive > TOLERATED_SURVIVORS; collection++) {
      System.gc();
      List<byte[]> pressure = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        pressure.add(new byte[1 << 20]);
      }
      pressure.clear();
      Thread.sleep(20);
      alive = (int) loaders.stream().filter(loader -> loader.get() != null).count();
    }
    return alive;
  }

  private static URL[] jarsOf(String... classNames) throws ClassNotFoundException {
    URL[] jars = new URL[classNames.length];
    for (int i = 0; i < classNames.length; i++) {
      jars[i] = Class.forName(classNames[i]).getProtectionDomain().getCodeSource().getLocation();
    }
    return jars;
  }
}
