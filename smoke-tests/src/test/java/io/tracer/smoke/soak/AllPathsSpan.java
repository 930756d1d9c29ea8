package io.tracer.smoke.soak;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.ReceivedSpan;

/**
 * The spans that one {@code GET /all} of the all-paths app adds to its caller's trace, path by path, with how many
 * of each it must add: the request itself, its four JDBC statements, its Redis commands, its four outgoing HTTP
 * calls and the four {@code /echo} requests they make, and the asynchronous work it hands on (the RocketMQ message's
 * processing, the JobRunr job's run, the Quartz job), each in the request's trace.
 */
enum AllPathsSpan {
  REQUEST(1),
  ECHO_REQUEST(4),
  POSTGRESQL(2),
  MARIADB(2),
  JEDIS(3),
  /** What Jedis sends on a connection its pool opens for this request: as many as the pool opens, often none. */
  JEDIS_CONNECTION_SETUP(0),
  LETTUCE(2),
  HTTP_URL_CONNECTION(1),
  JAVA_HTTP_CLIENT(1),
  OKHTTP(1),
  APACHE_HTTPCLIENT(1),
  /** One per attempt: a send the client retries (it timed out on a busy machine) has a span for each, at least one. */
  ROCKETMQ_SEND(1),
  ROCKETMQ_PROCESS(1),
  JOBRUNR_ENQUEUE(1),
  JOBRUNR_RUN(1),
  QUARTZ(1),
  /** A span of none of the paths above: the request must make none. */
  UNEXPECTED(0);

  /** The Redis keys of a request hold its id: {@code all-paths:<id>:jedis}. */
  static final String KEY_PREFIX = "all-paths:";

  private final int expected;

  AllPathsSpan(int expected) {
    this.expected = expected;
  }

  /** How many spans of this path each request makes; where not {@link #exact}, at least. */
  int expected() {
    return expected;
  }

  /** Whether this path's count must be exactly {@link #expected}, rather than at least. */
  boolean exact() {
    return this != JEDIS_CONNECTION_SETUP && this != ROCKETMQ_SEND;
  }

  static AllPathsSpan of(ReceivedSpan span) {
    String scope = span.scopeName();
    SpanKind kind = span.kind();
    switch (scope) {
      case "io.tracer.servlet":
        if (kind == SpanKind.SPAN_KIND_SERVER && "/all".equals(span.stringAttribute("url.path"))) {
          return REQUEST;
        }
        return kind == SpanKind.SPAN_KIND_SERVER && "/echo".equals(span.stringAttribute("url.path"))
            ? ECHO_REQUEST : UNEXPECTED;
      case "io.tracer.jdbc":
        if (!"select ?".equals(span.stringAttribute("db.query.text"))) {
          return UNEXPECTED;
        }
        String system = span.stringAttribute("db.system.name");
        return "postgresql".equals(system) ? POSTGRESQL : "mariadb".equals(system) ? MARIADB : UNEXPECTED;
      case "io.tracer.jedis":
        return redisKeyOf(span) == null ? JEDIS_CONNECTION_SETUP : JEDIS;
      case "io.tracer.lettuce":
        return redisKeyOf(span) == null ? UNEXPECTED : LETTUCE;
      case "io.tracer.http-url-connection":
        return kind == SpanKind.SPAN_KIND_CLIENT ? HTTP_URL_CONNECTION : UNEXPECTED;
      case "io.tracer.java-http-client":
        return kind == SpanKind.SPAN_KIND_CLIENT ? JAVA_HTTP_CLIENT : UNEXPECTED;
      case "io.tracer.okhttp":
        return kind == SpanKind.SPAN_KIND_CLIENT ? OKHTTP : UNEXPECTED;
      case "io.tracer.apache-httpclient":
        return kind == SpanKind.SPAN_KIND_CLIENT ? APACHE_HTTPCLIENT : UNEXPECTED;
      case "io.tracer.rocketmq":
        return kind == SpanKind.SPAN_KIND_PRODUCER ? ROCKETMQ_SEND
            : kind == SpanKind.SPAN_KIND_CONSUMER ? ROCKETMQ_PROCESS : UNEXPECTED;
      case "io.tracer.jobrunr":
        return kind == SpanKind.SPAN_KIND_PRODUCER ? JOBRUNR_ENQUEUE
            : kind == SpanKind.SPAN_KIND_CONSUMER ? JOBRUNR_RUN : UNEXPECTED;
      case "io.tracer.quartz":
        return span.name().startsWith("all-paths.") ? QUARTZ : UNEXPECTED;
      default:
        return UNEXPECTED;
    }
  }

  /**
   * The id of the request that made this span, where the span names it: the Redis commands (their key) and the
   * Quartz job (its name, {@code all-paths.<id>}); {@code null} for the others.
   */
  static String requestIdIn(ReceivedSpan span, AllPathsSpan path) {
    switch (path) {
      case JEDIS:
      case LETTUCE:
        String key = redisKeyOf(span);
        return key.substring(KEY_PREFIX.length(), key.lastIndexOf(':'));
      case QUARTZ:
        return span.name().substring("all-paths.".length());
      default:
        return null;
    }
  }

  /** The {@code all-paths:<id>:<client>} key of a Redis command's span, or {@code null}. */
  private static String redisKeyOf(ReceivedSpan span) {
    String query = span.stringAttribute("db.query.text");
    if (query == null) {
      return null;
    }
    for (String word : query.split(" ")) {
      if (word.startsWith(KEY_PREFIX) && word.lastIndexOf(':') > KEY_PREFIX.length()) {
        return word;
      }
    }
    return null;
  }
}
