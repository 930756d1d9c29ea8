package io.tracer.instrumentation.api.redis;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT spans for Redis commands, shared by the Redis client modules: name and {@code db.operation.name} are the
 * command, {@code db.query.text} its sanitized form (rendered only for a recording span), plus
 * {@code db.namespace} (the database index), {@code server.address} and {@code server.port}. Errors are recorded
 * as an {@code exception} event, status ERROR and {@code error.type}; a Redis error reply also gives
 * {@code db.response.status_code} (its prefix, {@code WRONGTYPE}, {@code ERR}).
 */
public final class RedisClientTracer {

  public static final String IGNORED_COMMANDS_KEY = "otel.instrumentation.redis.ignored-commands";
  public static final String MAX_ARGUMENT_LENGTH_KEY = "otel.instrumentation.redis.max-argument-length";
  public static final String MAX_QUERY_LENGTH_KEY = "otel.instrumentation.redis.max-query-length";

  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_OPERATION_NAME = AttributeKey.stringKey("db.operation.name");
  public static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<Long> DB_BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  static final AttributeKey<String> DB_RESPONSE_STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final String[] DATABASE_NAMES = new String[16];

  static {
    for (int i = 0; i < DATABASE_NAMES.length; i++) {
      DATABASE_NAMES[i] = Integer.toString(i);
    }
  }

  private final Tracer tracer;
  private final Set<String> ignoredCommands;
  private final RedisCommandSanitizer sanitizer;

  public RedisClientTracer(String moduleName) {
    this.tracer = AgentServices.tracer(moduleName);
    TracerConfig config = AgentServices.config();
    List<String> ignored = config.getList(IGNORED_COMMANDS_KEY, Collections.<String>emptyList());
    Set<String> upperCase = new HashSet<>();
    for (String command : ignored) {
      upperCase.add(command.toUpperCase(Locale.ROOT));
    }
    this.ignoredCommands = upperCase;
    this.sanitizer = new RedisCommandSanitizer(config.getInt(MAX_ARGUMENT_LENGTH_KEY, 100, 1, 1_000_000),
        config.getInt(MAX_QUERY_LENGTH_KEY, 1000, 16, 1_000_000));
  }

  /** @param command upper case, as both clients name their commands */
  public boolean isIgnored(String command) {
    return !ignoredCommands.isEmpty() && ignoredCommands.contains(command);
  }

  public RedisCommandSanitizer sanitizer() {
    return sanitizer;
  }

  /**
   * Starts a command's span.
   *
   * @param database the database index, negative when unknown
   * @param port zero when unknown
   * @param startEpochNanos zero for now
   */
  public Span start(Context parent, String command, RedisArguments arguments, String serverAddress, int port,
      long database, long startEpochNanos) {
    Span span = builder(parent, command, serverAddress, port, database, startEpochNanos).startSpan();
    if (span.isRecording()) {
      span.setAttribute(DB_QUERY_TEXT, sanitizer.sanitize(command, arguments));
    }
    return span;
  }

  /**
   * Starts the span of a pipeline or transaction; its {@link #DB_QUERY_TEXT}, its commands' texts joined by
   * {@code "; "}, is for the caller to add when the span is recording.
   */
  public Span startBatch(Context parent, String operation, int batchSize, String serverAddress, int port,
      long database, long startEpochNanos) {
    return builder(parent, operation, serverAddress, port, database, startEpochNanos)
        .setAttribute(DB_BATCH_SIZE, (long) batchSize)
        .startSpan();
  }

  private SpanBuilder builder(Context parent, String operation, String serverAddress, int port, long database,
      long startEpochNanos) {
    SpanBuilder builder = tracer.spanBuilder(operation)
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(DB_SYSTEM_NAME, "redis")
        .setAttribute(DB_OPERATION_NAME, operation);
    if (database >= 0) {
      builder.setAttribute(DB_NAMESPACE, database < DATABASE_NAMES.length
          ? DATABASE_NAMES[(int) database] : Long.toString(database));
    }
    if (serverAddress != null) {
      builder.setAttribute(SERVER_ADDRESS, serverAddress);
    }
    if (port > 0) {
      builder.setAttribute(SERVER_PORT, (long) port);
    }
    if (startEpochNanos != 0) {
      builder.setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
    }
    return builder;
  }

  /** Records {@code error} (if any) and ends the span, at {@code endEpochNanos} or now when zero. */
  public void end(Span span, Throwable error, long endEpochNanos) {
    if (error != null) {
      recordError(span, error, true);
    }
    if (endEpochNanos != 0) {
      span.end(endEpochNanos, TimeUnit.NANOSECONDS);
    } else {
      span.end();
    }
  }

  /**
   * @param failsOperation whether the error failed the span's operation (status ERROR), or was one reply among
   *     several that the application received as a value (a pipeline's failed command)
   */
  public void recordError(Span span, Throwable error, boolean failsOperation) {
    span.recordException(error);
    String statusCode = redisErrorPrefix(error.getMessage());
    if (statusCode != null) {
      span.setAttribute(DB_RESPONSE_STATUS_CODE, statusCode);
    }
    if (failsOperation) {
      span.setStatus(StatusCode.ERROR, error.getMessage() == null ? "" : error.getMessage());
      span.setAttribute(ERROR_TYPE, error.getClass().getName());
    }
  }

  /** The upper-case first word of an error reply ({@code WRONGTYPE Operation against a key ...}). */
  static String redisErrorPrefix(String message) {
    if (message == null) {
      return null;
    }
    int end = 0;
    while (end < message.length() && end < 32) {
      char c = message.charAt(end);
      if (c == ' ') {
        break;
      }
      if (c < 'A' || c > 'Z') {
        return null;
      }
      end++;
    }
    return end > 0 && end < message.length() && message.charAt(end) == ' ' ? message.substring(0, end) : null;
  }

  /** Epoch nanoseconds from a monotonic clock, for spans whose start is decided after the fact. */
  public static long nowEpochNanos() {
    return EpochClock.now();
  }

  private static final class EpochClock {
    private static final long ANCHOR_EPOCH_NANOS = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    private static final long ANCHOR_NANO_TIME = System.nanoTime();

    static long now() {
      return ANCHOR_EPOCH_NANOS + (System.nanoTime() - ANCHOR_NANO_TIME);
    }
  }
}
