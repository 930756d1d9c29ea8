package io.tracer.instrumentation.lettuce;

import io.lettuce.core.RedisURI;
import net.bytebuddy.asm.Advice;

/**
 * {@code RedisClient.connectStatefulAsync(connection, ..., redisURI, ...)}: where the arguments sit differs between
 * lines, so they are found by type.
 */
public final class ConnectAdvice {

  private ConnectAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static void enter(@Advice.AllArguments Object[] arguments) {
    Object connection = arguments.length > 0 ? arguments[0] : null;
    for (Object argument : arguments) {
      if (argument instanceof RedisURI) {
        LettuceConnections.register(connection, (RedisURI) argument);
        return;
      }
    }
  }
}
