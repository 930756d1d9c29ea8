package io.tracer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Finding and checking Redis client spans (Jedis, Lettuce) among everything the test agent exported. */
public final class RedisSpans {

  public static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("db.system.name");
  public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("db.operation.name");
  public static final AttributeKey<String> QUERY = AttributeKey.stringKey("db.query.text");
  public static final AttributeKey<String> NAMESPACE = AttributeKey.stringKey("db.namespace");
  public static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("db.operation.batch.size");
  public static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("db.response.status_code");
  public static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  public static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private RedisSpans() {}

  /** The Redis spans whose text mentions {@code marker} (a key prefix of one test). */
  public static List<SpanData> mentioning(String marker) {
    return TestAgent.spans().stream().filter(span -> isRedis(span) && text(span).contains(marker))
        .collect(Collectors.toList());
  }

  public static SpanData awaitOne(String name, String marker) {
    return TestAgent.awaitSpans(span -> isRedis(span) && span.getName().equals(name) && text(span).contains(marker),
        1, Duration.ofSeconds(10)).get(0);
  }

  public static boolean isRedis(SpanData span) {
    return "redis".equals(span.getAttributes().get(SYSTEM));
  }

  public static String text(SpanData span) {
    String text = span.getAttributes().get(QUERY);
    return text == null ? "" : text;
  }

  public static void assertCommand(SpanData span, String name, String text, String namespace) {
    assertEquals(name, span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals(name, span.getAttributes().get(OPERATION));
    assertEquals(text, span.getAttributes().get(QUERY));
    assertEquals(namespace, span.getAttributes().get(NAMESPACE));
    assertEquals("127.0.0.1", span.getAttributes().get(ADDRESS));
    assertEquals(6379L, span.getAttributes().get(PORT));
  }
}
