package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.testing.LocalServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets reach no exported span by default. Each secret is a string that appears nowhere else, and every span's
 * name, attributes, events, links, status message and resource are searched for it.
 * <ul>
 *   <li>A request's secrets (the {@code token} and {@code password} query parameters, the {@code Authorization}
 *   and {@code Cookie} headers): not in the incoming request's SERVER span, nor in the CLIENT span of the outgoing
 *   call that passes the query on, nor in the downstream SERVER span that receives it.</li>
 *   <li>A secret the application hands to every instrumented library in one request (the all-paths app): SQL
 *   literals and bind parameters, Redis values, the password of a URL's user info and its {@code token}
 *   parameter, a RocketMQ message's body and user property, a JobRunr job's argument, a Quartz job's data; and
 *   the password in the JDBC URL of the application's pool.</li>
 * </ul>
 */
@ExtendWith(SmokePrerequisites.class)
class SecretsSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  /** The first request of the all-paths app loads and connects every library: seconds on a busy machine. */
  private static final Duration ALL_PATHS_TIMEOUT = Duration.ofSeconds(60);
  /** What the all-paths app hands, suffixed by the path ({@code -postgres-literal}, ...), to every library. */
  private static final String APP_SECRET = "app-s3cret-everywhere";
  private static final List<String> ALL_PATHS_SECRETS = List.of(APP_SECRET, "tok3n-s3cret-all", "passw0rd-s3cret-all",
      "bearer-s3cret-all", "cookie-s3cret-all", "jdbc-url-s3cret");
  private static final String TRACE_ID = "5ec7e7a11ba7b5000000000000000001";
  private static final String CALLER_SPAN_ID = "5ec7e7a11ba7b501";
  private static final List<String> SECRETS = List.of("tok3n-s3cret-q", "passw0rd-s3cret-q", "bearer-s3cret-h",
      "cookie-s3cret-h");

  @Test
  void noSecretReachesAnExportedSpan() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TracedApp app = TracedApp.builder("http-client-chain")
            .label(getClass().getSimpleName())
            .serviceName("secrets-smoke")
            .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
            .start()) {
      String path = "/relay/" + app.port() + "/back?token=" + SECRETS.get(0) + "&password=" + SECRETS.get(1)
          + "&page=2";
      HttpResult answer = app.get(path,
          Map.of("Authorization", "Bearer " + SECRETS.get(2), "Cookie", "session=" + SECRETS.get(3)));
      assertEquals(200, answer.status(), answer.toString());

      // the relay's SERVER span ends last, after its CLIENT span and the downstream's SERVER span
      List<ReceivedSpan> spans = receiver.awaitSpans(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER, 2,
          SPAN_TIMEOUT);
      List<ReceivedSpan> trace = receiver.spansOfTrace(spans.get(0).traceId());
      assertTrue(trace.stream().anyMatch(span -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT),
          OtlpReceiver.describe(trace));
      assertTrue(trace.stream().anyMatch(span -> "2".equals(queryValue(span, "page"))),
          "the query is recorded, redacted where it must be: " + OtlpReceiver.describe(trace));
      for (ReceivedSpan span : receiver.spans()) {
        String text = everythingExported(span);
        for (String secret : SECRETS) {
          assertFalse(text.contains(secret), secret + " in " + text);
        }
      }
    }
  }

  @Test
  void noSecretHandedToAnyInstrumentedLibraryReachesAnExportedSpan() throws Exception {
    LocalServices.POSTGRES.require();
    LocalServices.MARIADB.require();
    LocalServices.REDIS.require();
    long started = System.nanoTime();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TracedApp app = TracedApp.builder("all-paths")
            .label(getClass().getSimpleName() + "-all-paths")
            .serviceName("secrets-all-paths")
            .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
            // trust authentication: PostgreSQL takes the password and ignores it
            .env("POSTGRES_URL", LocalServices.POSTGRES.url() + "?password=" + ALL_PATHS_SECRETS.get(5))
            .start()) {
      HttpResult answer = app.get("/all?token=" + ALL_PATHS_SECRETS.get(1) + "&password=" + ALL_PATHS_SECRETS.get(2)
          + "&page=2", Map.of("X-Secret", APP_SECRET,
              "Authorization", "Bearer " + ALL_PATHS_SECRETS.get(3),
              "Cookie", "session=" + ALL_PATHS_SECRETS.get(4),
              "traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01"));
      assertEquals(200, answer.status(), answer + app.describeOutput());
      String requestId = answer.body().substring("ok ".length());

      ReceivedSpan request = receiver.awaitSpan(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
          && "/all".equals(span.stringAttribute("url.path")), ALL_PATHS_TIMEOUT);
      assertEquals(TRACE_ID, request.traceId());
      assertEquals(CALLER_SPAN_ID, request.parentSpanId());
      assertEquals("token=REDACTED&password=REDACTED&page=2", request.stringAttribute("url.query"));

      String echo = "http://127.0.0.1:" + app.port() + "/echo?token=REDACTED&client=";
      String jedisKey = "all-paths:" + requestId + ":jedis";
      String lettuceKey = "all-paths:" + requestId + ":lettuce";
      Map<String, Integer> countsByPath = new LinkedHashMap<>();
      countsByPath.put("jdbc postgresql", awaitInTrace(receiver, "jdbc", span -> "postgresql".equals(
          span.stringAttribute("db.system.name")) && "select ?".equals(span.stringAttribute("db.query.text")), 2));
      countsByPath.put("jdbc mariadb", awaitInTrace(receiver, "jdbc", span -> "mariadb".equals(
          span.stringAttribute("db.system.name")) && "select ?".equals(span.stringAttribute("db.query.text")), 2));
      countsByPath.put("jedis (in a thread pool)", awaitInTrace(receiver, "jedis",
          span -> request.spanId().equals(span.parentSpanId()) && List.of("SET " + jedisKey + " ?", "GET " + jedisKey,
              "DEL " + jedisKey).contains(span.stringAttribute("db.query.text")), 3));
      countsByPath.put("lettuce (in a CompletableFuture)", awaitInTrace(receiver, "lettuce",
          span -> request.spanId().equals(span.parentSpanId()) && List.of("SET " + lettuceKey + " ?",
              "DEL " + lettuceKey).contains(span.stringAttribute("db.query.text")), 2));
      for (String client : List.of("http-url-connection", "java-http-client", "okhttp", "apache-httpclient")) {
        countsByPath.put(client, awaitInTrace(receiver, client, span -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
            && (echo + client).equals(span.stringAttribute("url.full")), 1));
      }
      countsByPath.put("http server /echo", awaitInTrace(receiver, "servlet", span -> span.kind()
          == Span.SpanKind.SPAN_KIND_SERVER && "/echo".equals(span.stringAttribute("url.path"))
          && span.stringAttribute("url.query").startsWith("token=REDACTED&client="), 4));
      ReceivedSpan send = onlyOne(awaitInTrace(receiver, "rocketmq",
          span -> span.kind() == Span.SpanKind.SPAN_KIND_PRODUCER && "send tracer-all-paths".equals(span.name())));
      countsByPath.put("rocketmq send", 1);
      countsByPath.put("rocketmq process", awaitInTrace(receiver, "rocketmq", span -> span.kind()
          == Span.SpanKind.SPAN_KIND_CONSUMER && send.spanId().equals(span.parentSpanId()), 1));
      ReceivedSpan enqueue = onlyOne(awaitInTrace(receiver, "jobrunr", span -> span.kind()
          == Span.SpanKind.SPAN_KIND_PRODUCER && "enqueue AllPathsJobs.remember".equals(span.name())));
      countsByPath.put("jobrunr enqueue", 1);
      countsByPath.put("jobrunr run", awaitInTrace(receiver, "jobrunr", span -> span.kind()
          == Span.SpanKind.SPAN_KIND_CONSUMER && enqueue.spanId().equals(span.parentSpanId()), 1));
      countsByPath.put("quartz", awaitInTrace(receiver, "quartz", span -> ("all-paths." + requestId)
          .equals(span.name()) && request.spanId().equals(span.parentSpanId()), 1));

      assertTrue(everythingExported(receiver.matching(span -> span.name().equals("SET")
          && span.scopeName().equals("io.tracer.jedis")).get(0)).contains(requestId),
          "the search reads what the spans hold: the Redis key is there");
      List<ReceivedSpan> everySpan = receiver.spans();
      for (ReceivedSpan span : everySpan) {
        String text = everythingExported(span);
        for (String secret : ALL_PATHS_SECRETS) {
          assertFalse(text.contains(secret), secret + " in " + text);
        }
      }
      System.out.printf("all-paths: spans per path %s; %d spans searched in all, %d of the trace; %d ms%n",
          countsByPath, everySpan.size(), receiver.spansOfTrace(TRACE_ID).size(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
  }

  /** Waits for {@code count} spans of the module's scope in the request's trace that match; answers how many. */
  private static int awaitInTrace(OtlpReceiver receiver, String module, Predicate<ReceivedSpan> condition,
      int count) throws InterruptedException {
    List<ReceivedSpan> found = receiver.awaitSpans(span -> TRACE_ID.equals(span.traceId())
        && ("io.tracer." + module).equals(span.scopeName()) && condition.test(span), count, ALL_PATHS_TIMEOUT);
    assertEquals(count, found.size(), OtlpReceiver.describe(found));
    return found.size();
  }

  private static List<ReceivedSpan> awaitInTrace(OtlpReceiver receiver, String module,
      Predicate<ReceivedSpan> condition) throws InterruptedException {
    return receiver.awaitSpans(span -> TRACE_ID.equals(span.traceId())
        && ("io.tracer." + module).equals(span.scopeName()) && condition.test(span), 1, ALL_PATHS_TIMEOUT);
  }

  private static ReceivedSpan onlyOne(List<ReceivedSpan> spans) {
    assertEquals(1, spans.size(), OtlpReceiver.describe(spans));
    return spans.get(0);
  }

  private static String queryValue(ReceivedSpan span, String parameter) {
    String query = span.stringAttribute("url.query");
    if (query == null && span.stringAttribute("url.full") != null) {
      String full = span.stringAttribute("url.full");
      query = full.contains("?") ? full.substring(full.indexOf('?') + 1) : null;
    }
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(parameter + "=")) {
        return pair.substring(parameter.length() + 1);
      }
    }
    return null;
  }

  /** The span's name, attributes, events and links, and its resource, as text. */
  private static String everythingExported(ReceivedSpan received) {
    Span span = received.span();
    List<String> parts = new ArrayList<>();
    parts.add(span.getName());
    parts.add(text(span.getAttributesList()));
    span.getEventsList().forEach(event -> parts.add(event.getName() + " " + text(event.getAttributesList())));
    span.getLinksList().forEach(link -> parts.add(text(link.getAttributesList())));
    parts.add(span.getStatus().getMessage());
    parts.add(text(received.resource().getAttributesList()));
    return String.join(" | ", parts);
  }

  private static String text(List<KeyValue> attributes) {
    StringBuilder text = new StringBuilder();
    attributes.forEach(attribute -> text.append(attribute.getKey()).append('=').append(attribute.getValue())
        .append(' '));
    return text.toString();
  }
}
