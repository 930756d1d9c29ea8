package io.tracer.instrumentation.jedis;

import io.opentelemetry.context.Context;
import net.bytebuddy.asm.Advice;
import redis.clients.jedis.commands.ProtocolCommand;

/** Jedis 3.x: {@code Connection.sendCommand(ProtocolCommand, byte[]...)}, which every other overload calls. */
public final class Jedis3SendCommandAdvice {

  private Jedis3SendCommandAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object connection, @Advice.Argument(0) ProtocolCommand command,
      @Advice.Argument(1) byte[][] arguments) {
    ConnectionState state = JedisCommands.state(connection, null);
    String name = JedisCommands.commandName(command);
    Context parent = JedisCommands.tracedParent(name);
    return parent == null ? PendingCommand.UNTRACED
        : JedisCommands.writing(state, name, new ByteArrayArguments(arguments), parent);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.This Object connection, @Advice.Enter Object pending,
      @Advice.Thrown Throwable thrown) {
    if (pending instanceof PendingCommand) {
      JedisCommands.written(JedisCommands.state(connection, null), (PendingCommand) pending, thrown);
    }
  }
}
