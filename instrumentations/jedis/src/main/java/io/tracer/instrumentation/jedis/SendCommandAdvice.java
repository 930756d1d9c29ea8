package io.tracer.instrumentation.jedis;

import io.opentelemetry.context.Context;
import net.bytebuddy.asm.Advice;
import redis.clients.jedis.CommandArguments;

/** Jedis 4.x+: {@code Connection.sendCommand(CommandArguments)}, which every other overload calls. */
public final class SendCommandAdvice {

  private SendCommandAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object connection, @Advice.FieldValue("socketFactory") Object socketFactory,
      @Advice.Argument(0) CommandArguments arguments) {
    ConnectionState state = JedisCommands.state(connection, socketFactory);
    String command = JedisCommands.commandName(arguments.getCommand());
    Context parent = JedisCommands.tracedParent(command);
    return parent == null ? PendingCommand.UNTRACED
        : JedisCommands.writing(state, command, new CommandArgumentsArguments(arguments), parent);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.This Object connection, @Advice.FieldValue("socketFactory") Object socketFactory,
      @Advice.Enter Object pending, @Advice.Thrown Throwable thrown) {
    if (pending instanceof PendingCommand) {
      JedisCommands.written(JedisCommands.state(connection, socketFactory), (PendingCommand) pending, thrown);
    }
  }
}
