package io.tracer.instrumentation.jedis;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.redis.RedisArguments;

/**
 * A command written to a connection whose reply is not read yet. Its span is made only when the reply arrives,
 * because only then is it known whether the reply belongs to a single command or to a pipeline's batch.
 */
final class PendingCommand {

  /** Keeps its place in the reply order, for a command that gets no span. */
  static final PendingCommand UNTRACED = new PendingCommand(null, null, null, 0, -1);

  final String command;
  final RedisArguments arguments;
  final Context parent;
  final long startEpochNanos;
  final long database;

  PendingCommand(String command, RedisArguments arguments, Context parent, long startEpochNanos, long database) {
    this.command = command;
    this.arguments = arguments;
    this.parent = parent;
    this.startEpochNanos = startEpochNanos;
    this.database = database;
  }

  boolean isTransactionFrame() {
    return "MULTI".equals(command) || "EXEC".equals(command) || "DISCARD".equals(command);
  }
}
