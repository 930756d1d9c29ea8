package io.tracer.instrumentation.api.redis;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a Redis command for {@code db.query.text} with its values replaced by {@code ?} and its keys kept:
 * {@code SET user:1 ?}, {@code HSET cart:7 item ? qty ?}, {@code AUTH ?}. Which argument is a key depends on the
 * command; the common commands are known by name, and an unknown one keeps its first argument (usually a key or a
 * subcommand) and masks the rest. Credentials ({@code AUTH}, {@code HELLO}, {@code MIGRATE}) are masked as a whole.
 * Kept arguments are cut at {@code maxArgumentLength} characters and the text at {@code maxTextLength}.
 */
public final class RedisCommandSanitizer {

  static final String MASK = "?";
  static final String CUT = "...";

  /** How the arguments of one command are treated. */
  enum Shape {
    /** Keys, fields, patterns, cursors: nothing a caller stored. */
    KEEP_ALL,
    /** A key, then values. */
    KEY_THEN_VALUES,
    /** Two keys (source, destination), then values. */
    TWO_KEYS_THEN_VALUES,
    /** Key value key value ... */
    KEY_VALUE_PAIRS,
    /** A key, then field value field value ... */
    KEY_THEN_FIELD_VALUE_PAIRS,
    /** A script or function, a number of keys, the keys, then values. */
    SCRIPT,
    /** Credentials somewhere: the whole argument list becomes one {@code ?}. */
    MASK_ALL,
    /** A subcommand ({@code CLIENT SETNAME}), then arguments that may hold anything. */
    SUBCOMMAND,
    /** Unknown command: the first argument, then values. */
    FIRST_THEN_VALUES
  }

  private static final Map<String, Shape> SHAPES = new HashMap<>();

  static {
    shape(Shape.KEEP_ALL, "GET", "DEL", "UNLINK", "EXISTS", "TOUCH", "TYPE", "TTL", "PTTL", "EXPIRETIME",
        "PEXPIRETIME", "PERSIST", "MGET", "WATCH", "INCR", "DECR", "STRLEN", "GETDEL", "KEYS", "SCAN", "RANDOMKEY",
        "RENAME", "RENAMENX", "COPY", "HGET", "HMGET", "HDEL", "HEXISTS", "HGETALL", "HKEYS", "HVALS", "HLEN",
        "HSTRLEN", "HRANDFIELD", "HSCAN", "LLEN", "LPOP", "RPOP", "LRANGE", "LINDEX", "LTRIM", "RPOPLPUSH", "LMOVE",
        "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "SCARD", "SMEMBERS", "SPOP", "SRANDMEMBER", "SINTER", "SUNION",
        "SDIFF", "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE", "SSCAN", "ZCARD", "ZRANGE", "ZREVRANGE", "ZRANGEBYSCORE",
        "ZREVRANGEBYSCORE", "ZCOUNT", "ZPOPMIN", "ZPOPMAX", "BZPOPMIN", "BZPOPMAX", "ZREMRANGEBYRANK",
        "ZREMRANGEBYSCORE", "ZSCAN", "ZUNIONSTORE", "ZINTERSTORE", "PFCOUNT", "PFMERGE", "BITCOUNT", "BITPOS",
        "GETBIT", "GETRANGE", "XLEN", "XRANGE", "XREVRANGE", "XREAD", "XDEL", "XTRIM", "XACK", "SUBSCRIBE",
        "UNSUBSCRIBE", "PSUBSCRIBE", "PUNSUBSCRIBE", "SSUBSCRIBE", "SUNSUBSCRIBE", "SELECT", "DBSIZE", "INFO",
        "TIME", "FLUSHDB", "FLUSHALL", "MULTI", "EXEC", "DISCARD", "UNWATCH", "QUIT", "RESET", "READONLY",
        "READWRITE", "ASKING", "ROLE", "LASTSAVE", "SAVE", "BGSAVE", "BGREWRITEAOF", "WAIT", "SWAPDB", "EXPIRE",
        "PEXPIRE", "EXPIREAT", "PEXPIREAT", "INCRBY", "DECRBY", "INCRBYFLOAT", "HINCRBY", "HINCRBYFLOAT");
    shape(Shape.KEY_THEN_VALUES, "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "GETEX", "APPEND", "SETRANGE",
        "SETBIT", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "LINSERT", "LSET", "LREM", "LPOS", "SADD", "SREM",
        "SISMEMBER", "SMISMEMBER", "ZADD", "ZREM", "ZSCORE", "ZMSCORE", "ZINCRBY", "ZRANK", "ZREVRANK", "ZRANGEBYLEX",
        "ZLEXCOUNT", "PFADD", "GEOADD", "GEOPOS", "GEODIST", "GEOHASH", "GEOSEARCH", "XADD", "RESTORE", "PUBLISH",
        "SPUBLISH", "ECHO", "PING");
    shape(Shape.TWO_KEYS_THEN_VALUES, "SMOVE");
    shape(Shape.KEY_VALUE_PAIRS, "MSET", "MSETNX");
    shape(Shape.KEY_THEN_FIELD_VALUE_PAIRS, "HSET", "HMSET", "HSETNX");
    shape(Shape.SCRIPT, "EVAL", "EVALSHA", "EVAL_RO", "EVALSHA_RO", "FCALL", "FCALL_RO");
    shape(Shape.MASK_ALL, "AUTH", "HELLO", "MIGRATE");
    shape(Shape.SUBCOMMAND, "CLIENT", "CONFIG", "ACL", "CLUSTER", "COMMAND", "MEMORY", "OBJECT", "SCRIPT",
        "FUNCTION", "XINFO", "XGROUP", "SLOWLOG", "LATENCY", "MODULE", "PUBSUB", "DEBUG", "SENTINEL");
  }

  private static void shape(Shape shape, String... commands) {
    for (String command : commands) {
      SHAPES.put(command, shape);
    }
  }

  private final int maxArgumentLength;
  private final int maxTextLength;

  public RedisCommandSanitizer(int maxArgumentLength, int maxTextLength) {
    this.maxArgumentLength = maxArgumentLength;
    this.maxTextLength = maxTextLength;
  }

  /** @param command the command's name as the client sends it, any case */
  public String sanitize(String command, RedisArguments arguments) {
    StringBuilder text = new StringBuilder(Math.min(maxTextLength, 64));
    append(text, command, arguments);
    return text.toString();
  }

  /** Appends the sanitized command to {@code text}, keeping it within the text limit (for batches). */
  public void append(StringBuilder text, String command, RedisArguments arguments) {
    String name = command.toUpperCase(Locale.ROOT);
    if (!appendBounded(text, name)) {
      return;
    }
    int count = arguments.count();
    Shape shape = SHAPES.get(name);
    if (shape == null) {
      shape = Shape.FIRST_THEN_VALUES;
    }
    if (shape == Shape.MASK_ALL) {
      if (count > 0) {
        appendBounded(text, " " + MASK);
      }
      return;
    }
    int scriptKeys = shape == Shape.SCRIPT ? scriptKeyCount(arguments) : 0;
    for (int index = 0; index < count; index++) {
      boolean kept = isKept(shape, index, scriptKeys);
      String argument = kept ? cut(arguments.render(index, maxArgumentLength)) : MASK;
      if (!appendBounded(text, " ") || !appendBounded(text, argument)) {
        return;
      }
    }
  }

  /** The limit on the whole text, for callers that join several commands. */
  public int maxTextLength() {
    return maxTextLength;
  }

  private static boolean isKept(Shape shape, int index, int scriptKeys) {
    switch (shape) {
      case KEEP_ALL:
        return true;
      case KEY_THEN_VALUES:
      case SUBCOMMAND:
      case FIRST_THEN_VALUES:
        return index == 0;
      case TWO_KEYS_THEN_VALUES:
        return index < 2;
      case KEY_VALUE_PAIRS:
        return index % 2 == 0;
      case KEY_THEN_FIELD_VALUE_PAIRS:
        return index % 2 == 1 || index == 0;
      case SCRIPT:
        return index >= 1 && index <= 1 + scriptKeys;
      default:
        return false;
    }
  }

  /** The {@code numkeys} argument of {@code EVAL script numkeys key...}; none when it is not a small number. */
  private int scriptKeyCount(RedisArguments arguments) {
    if (arguments.count() < 2) {
      return 0;
    }
    String numberOfKeys = arguments.render(1, 10);
    int keys = 0;
    for (int i = 0; i < numberOfKeys.length(); i++) {
      char c = numberOfKeys.charAt(i);
      if (c < '0' || c > '9' || keys > 100_000) {
        return -1;
      }
      keys = keys * 10 + (c - '0');
    }
    return Math.min(keys, arguments.count() - 2);
  }

  private String cut(String argument) {
    if (argument == null) {
      return MASK;
    }
    return argument.length() <= maxArgumentLength ? argument : argument.substring(0, maxArgumentLength) + CUT;
  }

  /** @return false once the text is full (it then ends with {@link #CUT}) */
  private boolean appendBounded(StringBuilder text, String part) {
    if (text.length() + part.length() <= maxTextLength) {
      text.append(part);
      return true;
    }
    if (text.length() < maxTextLength) {
      text.append(part, 0, maxTextLength - text.length());
    }
    if (!endsWithCut(text)) {
      text.append(CUT);
    }
    return false;
  }

  private static boolean endsWithCut(StringBuilder text) {
    int length = text.length();
    return length >= CUT.length() && text.lastIndexOf(CUT) == length - CUT.length();
  }
}
