package io.tracer.instrumentation.lettuce;

import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.redis.RedisArguments;
import io.tracer.instrumentation.api.redis.RedisClientTracer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/** What the dispatch advice calls: a span per command, ended by the command's own completion. */
public final class LettuceCommands {

  static final RedisClientTracer TRACER = new RedisClientTracer("lettuce");

  /** Dispatches nested on one thread (a wrapper connection handing to another) trace only the outermost. */
  private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
    @Override
    protected int[] initialValue() {
      return new int[1];
    }
  };

  /**
   * While the sync API waits for a reply on this thread: {@link #AWAITING_REPLY}, or the completion of the command
   * it cancelled on timing out, whose span waits for the timeout exception the application is about to get.
   */
  private static final ThreadLocal<Object> AWAITING = new ThreadLocal<>();
  private static final Object AWAITING_REPLY = new Object();

  private LettuceCommands() {}

  /** @return whether this is the outermost wait on the thread; only that one calls {@link #awaitEnded} */
  public static boolean awaitStarted() {
    if (AWAITING.get() != null) {
      return false;
    }
    AWAITING.set(AWAITING_REPLY);
    return true;
  }

  public static void awaitEnded(Throwable thrown) {
    Object cancelled = AWAITING.get();
    AWAITING.remove();
    if (cancelled instanceof Completion) {
      ((Completion) cancelled).end(thrown != null ? thrown : new CancellationException());
    }
  }

  /** @return whether this is the outermost dispatch on the thread; {@link #exit} must follow either way */
  public static boolean enter() {
    return DEPTH.get()[0]++ == 0;
  }

  public static void exit() {
    DEPTH.get()[0]--;
  }

  /** Starts the command's span and has its completion end it; {@code null} when the command is not traced. */
  public static Completion trace(Object connection, RedisCommand<?, ?, ?> command) {
    if (!(command instanceof CompleteableCommand) || command.isDone()) {
      return null;
    }
    ProtocolKeyword type = command.getType();
    String name = type == null ? "UNKNOWN" : type.name();
    if (TRACER.isIgnored(name)) {
      return null;
    }
    Context parent = Context.current();
    Span parentSpan = Span.fromContext(parent);
    // a recorded, unsampled parent may still be kept for its error or slowness: its commands count
    if (parentSpan.getSpanContext().isValid() && !parentSpan.isRecording()) {
      return null;
    }
    LettuceConnections.Endpoint endpoint = LettuceConnections.of(connection);
    RedisArguments arguments = CommandArgsArguments.of(command.getArgs());
    long database = endpoint.database;
    Span span = TRACER.start(parent, name, arguments, endpoint.host, endpoint.port, database, 0);
    boolean selecting = "SELECT".equals(name) && endpoint != LettuceConnections.UNKNOWN;
    if (selecting) {
      // the commands written after it run in the new database, even those written before its reply arrives
      endpoint.database = selectedDatabase(arguments);
    }
    Completion completion = new Completion(span, selecting ? endpoint : null, database);
    ((CompleteableCommand<?>) command).onComplete(completion);
    return completion;
  }

  private static long selectedDatabase(RedisArguments arguments) {
    try {
      return arguments.count() == 1 ? Long.parseLong(arguments.render(0, 20)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Ends the span once, on the reply, the failure or the cancellation, whichever comes first. */
  public static final class Completion extends AtomicBoolean implements BiConsumer<Object, Throwable> {
    private final Span span;
    private final LettuceConnections.Endpoint selecting;
    private final long previousDatabase;

    /** @param selecting the connection whose database a {@code SELECT} changed, to restore if it fails */
    Completion(Span span, LettuceConnections.Endpoint selecting, long previousDatabase) {
      this.span = span;
      this.selecting = selecting;
      this.previousDatabase = previousDatabase;
    }

    @Override
    public void accept(Object result, Throwable error) {
      if (!compareAndSet(false, true)) {
        return;
      }
      if (error instanceof CancellationException && AWAITING.get() == AWAITING_REPLY) {
        // the sync API timed out and cancelled the command: its span ends with the timeout it throws next
        AWAITING.set(this);
        return;
      }
      if (selecting != null && error != null) {
        selecting.database = previousDatabase;
      }
      end(error);
    }

    void end(Throwable error) {
      TRACER.end(span, error, 0);
    }

    /** The dispatch itself failed: the command may never complete. */
    public void failed(Throwable error) {
      accept(null, error);
    }
  }
}
