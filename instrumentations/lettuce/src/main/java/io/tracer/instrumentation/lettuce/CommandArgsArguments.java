package io.tracer.instrumentation.lettuce;

import io.lettuce.core.protocol.CommandArgs;
import io.tracer.instrumentation.api.redis.RedisArguments;
import java.lang.reflect.Field;
import java.util.List;

/**
 * A Lettuce command's arguments. {@link CommandArgs} exposes them only encoded (all values included) or as one
 * annotated string, so its argument list (a field of the same name in 5.x to 7.x) is read directly: only kept
 * arguments are then rendered, each by its own {@code toString} ({@code key<user:1>}, {@code 42}, {@code EX}).
 * If the field cannot be read the text holds the command alone.
 */
final class CommandArgsArguments implements RedisArguments {

  private static final Field ARGUMENTS = argumentsField();

  private final List<?> arguments;

  private CommandArgsArguments(List<?> arguments) {
    this.arguments = arguments;
  }

  static RedisArguments of(CommandArgs<?, ?> args) {
    if (args == null || ARGUMENTS == null) {
      return RedisArguments.NONE;
    }
    try {
      Object list = ARGUMENTS.get(args);
      return list instanceof List ? new CommandArgsArguments((List<?>) list) : RedisArguments.NONE;
    } catch (IllegalAccessException | RuntimeException e) {
      return RedisArguments.NONE;
    }
  }

  private static Field argumentsField() {
    try {
      Field field = CommandArgs.class.getDeclaredField("singularArguments");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public int count() {
    return arguments.size();
  }

  @Override
  public String render(int index, int maxLength) {
    Object argument = arguments.get(index);
    return argument == null ? null : unwrap(argument.toString());
  }

  /** {@code key<user:1>} and {@code value<...>} are how keys and values show themselves. */
  static String unwrap(String rendered) {
    if (rendered.endsWith(">")) {
      if (rendered.startsWith("key<")) {
        return rendered.substring(4, rendered.length() - 1);
      }
      if (rendered.startsWith("value<")) {
        return rendered.substring(6, rendered.length() - 1);
      }
    }
    return rendered;
  }
}
