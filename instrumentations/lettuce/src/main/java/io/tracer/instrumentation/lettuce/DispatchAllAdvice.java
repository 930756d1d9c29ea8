package io.tracer.instrumentation.lettuce;

import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** {@code RedisChannelHandler.dispatch(Collection)}: several commands written at once, still a span each. */
public final class DispatchAllAdvice {

  private DispatchAllAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, inline = false)
  public static Object enter(@Advice.This Object connection, @Advice.Argument(0) Collection<?> commands) {
    if (!LettuceCommands.enter() || commands == null) {
      return null;
    }
    List<LettuceCommands.Completion> completions = new ArrayList<>(commands.size());
    for (Object command : commands) {
      if (command instanceof RedisCommand) {
        LettuceCommands.Completion completion = LettuceCommands.trace(connection, (RedisCommand<?, ?, ?>) command);
        if (completion != null) {
          completions.add(completion);
        }
      }
    }
    return completions;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class, inline = false)
  public static void exit(@Advice.Enter Object completions, @Advice.Thrown Throwable thrown) {
    LettuceCommands.exit();
    if (thrown != null && completions instanceof List) {
      for (Object completion : (List<?>) completions) {
        ((LettuceCommands.Completion) completion).failed(thrown);
      }
    }
  }
}
