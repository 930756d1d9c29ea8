package io.tracer.instrumentation.jedis;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.internal.shaded.WeakConcurrentMap;
import io.tracer.instrumentation.api.redis.RedisArguments;
import io.tracer.instrumentation.api.redis.RedisClientTracer;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;

/** What the advice calls: commands written, replies read, batches around them. */
public final class JedisCommands {

  static final RedisClientTracer TRACER = new RedisClientTracer("jedis");

  /**
   * Per connection, weakly keyed by identity and lock-free to read (OpenTelemetry's own map, which the agent
   * ships): connections come and go with pools, and nothing here may keep one alive.
   */
  private static final WeakConcurrentMap<Object, ConnectionState> STATES =
      new WeakConcurrentMap.WithInlinedExpunction<>();

  private JedisCommands() {}

  /** @param socketFactory the connection's socket factory (Jedis 4.x+), or {@code null} to ask the connection */
  public static ConnectionState state(Object connection, Object socketFactory) {
    ConnectionState state = STATES.get(connection);
    if (state == null) {
      state = newState(connection, socketFactory);
      STATES.put(connection, state);
    }
    return state;
  }

  private static ConnectionState newState(Object connection, Object socketFactory) {
    if (socketFactory instanceof DefaultJedisSocketFactory) {
      HostAndPort hostAndPort = ((DefaultJedisSocketFactory) socketFactory).getHostAndPort();
      if (hostAndPort != null) {
        return new ConnectionState(hostAndPort.getHost(), hostAndPort.getPort());
      }
    }
    try {
      // Jedis 3.x: public on its Connection, absent from the 4.x+ API this module compiles against
      Method host = connection.getClass().getMethod("getHost");
      Method port = connection.getClass().getMethod("getPort");
      return new ConnectionState((String) host.invoke(connection), (Integer) port.invoke(connection));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new ConnectionState(null, 0);
    }
  }

  public static String commandName(ProtocolCommand command) {
    if (command instanceof Protocol.Command) {
      return ((Protocol.Command) command).name();
    }
    byte[] raw = command.getRaw();
    return raw == null ? "UNKNOWN" : new String(raw, StandardCharsets.UTF_8);
  }

  /**
   * @return the parent of the span of a command about to be written, or {@code null} when it gets none (ignored,
   *     or inside a trace that is not sampled): then nothing is allocated for it
   */
  public static Context tracedParent(String command) {
    if (TRACER.isIgnored(command)) {
      return null;
    }
    Context parent = Context.current();
    Span parentSpan = Span.fromContext(parent);
    // a recorded, unsampled parent may still be kept for its error or slowness: its commands count
    return parentSpan.getSpanContext().isValid() && !parentSpan.isRecording() ? null : parent;
  }

  /** A traced command is about to be written: what its reply will need. */
  public static PendingCommand writing(ConnectionState state, String command, RedisArguments arguments,
      Context parent) {
    return new PendingCommand(command, arguments, parent, RedisClientTracer.nowEpochNanos(), state.database);
  }

  /** The write is done; a failed write gets its span at once, no reply will come. */
  public static void written(ConnectionState state, PendingCommand command, Throwable thrown) {
    if (thrown == null) {
      state.written(command);
    } else if (command != PendingCommand.UNTRACED) {
      Span span = start(state, command);
      TRACER.end(span, thrown, RedisClientTracer.nowEpochNanos());
    }
  }

  /** A reply was read (or failed to be): it answers the oldest pending command of the connection. */
  public static void replied(Object connection, Throwable thrown) {
    ConnectionState state = STATES.get(connection);
    if (state == null) {
      return;
    }
    PendingCommand command = state.answered();
    if (thrown != null && !(thrown instanceof JedisDataException)) {
      state.broken();
    }
    if (command == null || command == PendingCommand.UNTRACED) {
      return;
    }
    if (thrown == null && "SELECT".equals(command.command)) {
      state.database = selectedDatabase(command.arguments);
    }
    JedisBatch batch = JedisBatch.current();
    if (batch != null) {
      batch.absorb(state, command, thrown);
      return;
    }
    TRACER.end(start(state, command), thrown, RedisClientTracer.nowEpochNanos());
  }

  /** Replies still awaited on a closed socket will never come: a reconnected one must not take them. */
  public static void disconnected(Object connection) {
    ConnectionState state = STATES.get(connection);
    if (state != null) {
      state.broken();
    }
  }

  private static Span start(ConnectionState state, PendingCommand command) {
    return TRACER.start(command.parent, command.command, command.arguments, state.serverAddress, state.serverPort,
        command.database, command.startEpochNanos);
  }

  private static long selectedDatabase(RedisArguments arguments) {
    try {
      return arguments.count() == 1 ? Long.parseLong(arguments.render(0, 20)) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
