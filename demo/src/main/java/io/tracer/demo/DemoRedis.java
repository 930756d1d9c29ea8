package io.tracer.demo;

import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPool;

/** The Redis of both demo services. */
final class DemoRedis {

  private DemoRedis() {}

  /**
   * A pool whose connections skip {@code CLIENT SETINFO}: Redis before 7.2 answers it with an error, and each new
   * connection's two of them would show in the trace of the request that opened it.
   */
  static JedisPool pool() {
    return new JedisPool(new HostAndPort(System.getenv().getOrDefault("DEMO_REDIS_HOST", "127.0.0.1"), 6379),
        DefaultJedisClientConfig.builder().clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build());
  }
}
