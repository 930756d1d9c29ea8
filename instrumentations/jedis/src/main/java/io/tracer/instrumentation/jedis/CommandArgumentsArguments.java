package io.tracer.instrumentation.jedis;

import io.tracer.instrumentation.api.redis.RedisArguments;
import java.util.Iterator;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.args.Rawable;

/** Jedis 4.x+ arguments: {@link CommandArguments} holds the command first, then its arguments. */
final class CommandArgumentsArguments implements RedisArguments {

  private final CommandArguments arguments;
  private Rawable[] rawables;

  CommandArgumentsArguments(CommandArguments arguments) {
    this.arguments = arguments;
  }

  @Override
  public int count() {
    return Math.max(0, arguments.size() - 1);
  }

  @Override
  public String render(int index, int maxLength) {
    if (rawables == null) {
      Rawable[] all = new Rawable[count()];
      Iterator<Rawable> iterator = arguments.iterator();
      iterator.next();
      for (int i = 0; i < all.length && iterator.hasNext(); i++) {
        all[i] = iterator.next();
      }
      rawables = all;
    }
    Rawable argument = rawables[index];
    return argument == null ? null : ByteArrayArguments.decode(argument.getRaw(), maxLength);
  }
}
