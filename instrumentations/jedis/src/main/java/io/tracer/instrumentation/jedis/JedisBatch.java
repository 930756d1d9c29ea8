package io.tracer.instrumentation.jedis;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.redis.RedisClientTracer;
import io.tracer.instrumentation.api.redis.RedisCommandSanitizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's {@code sync} or a transaction's {@code exec}/{@code discard} in progress on this thread: the replies
 * it reads are gathered into one span, {@code PIPELINE} or {@code MULTI}, whose text lists the commands and whose
 * {@code db.operation.batch.size} counts them (without the transaction's own {@code MULTI}/{@code EXEC}).
 */
final class JedisBatch {

  private static final ThreadLocal<JedisBatch> CURRENT = new ThreadLocal<>();
  private static final int MAX_LISTED_COMMANDS = 1000;

  private final String operation;
  private final Context parent;
  private final long startEpochNanos;
  private final List<PendingCommand> commands = new ArrayList<>();
  private final List<Throwable> replyErrors = new ArrayList<>(0);
  private ConnectionState connection;
  private int size;
  private int depth = 1;

  private JedisBatch(String operation, Context parent, long startEpochNanos) {
    this.operation = operation;
    this.parent = parent;
    this.startEpochNanos = startEpochNanos;
  }

  static JedisBatch current() {
    return CURRENT.get();
  }

  /** @param method {@code sync}, {@code syncAndReturnAll}, {@code exec}, {@code execGetResponse}, {@code discard} */
  static void enter(String method) {
    JedisBatch batch = CURRENT.get();
    if (batch != null) {
      batch.depth++;
      return;
    }
    String operation = method.startsWith("sync") ? "PIPELINE" : "MULTI";
    CURRENT.set(new JedisBatch(operation, Context.current(), RedisClientTracer.nowEpochNanos()));
  }

  static void exit(Throwable thrown) {
    JedisBatch batch = CURRENT.get();
    if (batch == null || --batch.depth > 0) {
      return;
    }
    CURRENT.remove();
    batch.end(thrown);
  }

  void absorb(ConnectionState state, PendingCommand command, Throwable replyError) {
    if (connection == null) {
      connection = state;
    }
    if (!command.isTransactionFrame()) {
      size++;
    }
    if (commands.size() < MAX_LISTED_COMMANDS) {
      commands.add(command);
    }
    if (replyError != null) {
      replyErrors.add(replyError);
    }
  }

  private void end(Throwable thrown) {
    if (commands.isEmpty()) {
      // nothing was read here: a pipeline's own queued MULTI/EXEC, or every command ignored
      return;
    }
    RedisClientTracer tracer = JedisCommands.TRACER;
    Span span = tracer.startBatch(parent, operation, size, connection.serverAddress, connection.serverPort,
        commands.get(0).database, startEpochNanos);
    if (span.isRecording()) {
      span.setAttribute(RedisClientTracer.DB_QUERY_TEXT, queryText(tracer.sanitizer()));
      for (Throwable replyError : replyErrors) {
        tracer.recordError(span, replyError, false);
      }
    }
    tracer.end(span, thrown, RedisClientTracer.nowEpochNanos());
  }

  private String queryText(RedisCommandSanitizer sanitizer) {
    StringBuilder text = new StringBuilder();
    for (PendingCommand command : commands) {
      if (text.length() > 0) {
        text.append("; ");
      }
      if (text.length() >= sanitizer.maxTextLength()) {
        text.append("...");
        break;
      }
      sanitizer.append(text, command.command, command.arguments);
    }
    return text.toString();
  }
}
