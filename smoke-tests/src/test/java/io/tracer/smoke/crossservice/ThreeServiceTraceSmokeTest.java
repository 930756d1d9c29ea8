package io.tracer.smoke.crossservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokeEnvironment;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.testing.LocalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisClient;

/**
 * Three JVMs: {@code a} (Tomcat) calls {@code b} (Jetty) with the JDK HttpClient; {@code b} queries PostgreSQL,
 * reads Redis with Jedis, then calls {@code c} (Undertow) with OkHttp and with Apache HttpClient. Every request
 * makes one trace, each span under its right parent across the three processes, whichever propagators all three
 * use, and also when {@code b} runs the OpenTelemetry Java agent instead of tracer.jar. Each chain's JVMs start
 * once, for its invocation of this class.
 */
@ExtendWith(SmokePrerequisites.class)
@ParameterizedClass(name = "{0}")
@EnumSource(ThreeServiceTraceSmokeTest.Chain.class)
class ThreeServiceTraceSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  /** Own names per run, so that parallel runs of this test never share a row or a key. */
  private static final String TABLE = "xsvc_stock_" + RUN;
  private static final String REDIS_KEY_PREFIX = "xsvc:" + RUN + ":reserved:";
  private static final String SKU = "42";

  enum Chain {
    W3C("tracecontext,baggage", false),
    W3C_B_ON_OPENTELEMETRY_AGENT("tracecontext,baggage", true),
    B3_MULTI("b3multi", false),
    JAEGER("jaeger", false);

    final String propagators;
    final boolean middleOnOpenTelemetryAgent;

    Chain(String propagators, boolean middleOnOpenTelemetryAgent) {
      this.propagators = propagators;
      this.middleOnOpenTelemetryAgent = middleOnOpenTelemetryAgent;
    }
  }

  private static OtlpReceiver receiver;
  private static TracedApp a;
  private static TracedApp b;
  private static TracedApp c;

  @Parameter
  Chain chain;

  @BeforeAll
  static void prepareDataAndReceiver() throws Exception {
    LocalServices.POSTGRES.require();
    LocalServices.REDIS.require();
    execute("create table " + TABLE + " (sku varchar(16) primary key, quantity int not null)",
        "insert into " + TABLE + " values ('" + SKU + "', 7)");
    try (RedisClient redis = RedisClient.create(LocalServices.HOST, LocalServices.REDIS.port())) {
      redis.setex(REDIS_KEY_PREFIX + SKU, 600, "2");
    }
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void dropDataAndStopReceiver() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    execute("drop table if exists " + TABLE);
    try (RedisClient redis = RedisClient.create(LocalServices.HOST, LocalServices.REDIS.port())) {
      redis.del(REDIS_KEY_PREFIX + SKU);
    }
  }

  /** a is told where b is by each request: a and c start together, then b, which is configured to call c. */
  @BeforeParameterizedClassInvocation
  static void startChain(Chain chain) throws Exception {
    ExecutorService starter = Executors.newSingleThreadExecutor();
    Future<TracedApp> front = starter.submit(() -> service("http-client-chain", chain, "a").start());
    try {
      c = service("servlet-undertow", chain, "c").start();
    } finally {
      // also when c did not start: stopChain stops a
      a = front.get();
      starter.shutdown();
    }
    TracedApp.Builder middle = service("three-service-middle", chain, "b")
        .env("DOWNSTREAM_URL", "http://127.0.0.1:" + c.port())
        .env("JDBC_URL", LocalServices.POSTGRES.url())
        .env("JDBC_USER", LocalServices.POSTGRES.user())
        .env("STOCK_TABLE", TABLE)
        .env("REDIS_URI", LocalServices.REDIS.url())
        .env("REDIS_KEY_PREFIX", REDIS_KEY_PREFIX);
    if (chain.middleOnOpenTelemetryAgent) {
      middle.otherAgent(SmokeEnvironment.openTelemetryJavaagentJar())
          .env("OTEL_METRICS_EXPORTER", "none")
          .env("OTEL_LOGS_EXPORTER", "none");
    }
    b = middle.start();
  }

  private static TracedApp.Builder service(String app, Chain chain, String serviceName) {
    return TracedApp.builder(app)
        .label(ThreeServiceTraceSmokeTest.class.getSimpleName() + "-" + chain + "-" + serviceName)
        .serviceName(serviceName)
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_PROPAGATORS", chain.propagators);
  }

  @AfterParameterizedClassInvocation
  static void stopChain() throws Exception {
    for (TracedApp app : new TracedApp[] {a, b, c}) {
      if (app != null) {
        app.close();
      }
    }
    a = null;
    b = null;
    c = null;
  }

  @Test
  void oneTraceCrossesTheThreeServicesWithTheRightParentForEverySpan() throws Exception {
    String marker = "marker=" + UUID.randomUUID();
    assertEquals(new HttpResult(200, "quantity=7 reserved=2 okhttp=/" + SKU + " apache=/" + SKU),
        a.get("/relay/" + b.port() + "/stock/" + SKU + "?" + marker));

    ReceivedSpan entry = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
        && span.serviceName().equals("a") && marker.equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);
    List<ReceivedSpan> trace = receiver.awaitSpans(span -> span.traceId().equals(entry.traceId()), 9, SPAN_TIMEOUT);

    assertEquals(String.join("\n",
        "SERVER a GET /relay/* ?" + marker,
        "  CLIENT a GET",
        "    SERVER b GET /stock/* ?" + marker,
        "      CLIENT b postgresql SELECT",
        "      CLIENT b redis GET",
        "      CLIENT b GET",
        "        SERVER c GET /orders/* ?client=okhttp",
        "      CLIENT b GET",
        "        SERVER c GET /orders/* ?client=apache"), tree(trace, ""), OtlpReceiver.describe(trace));
    String middleScopes = chain.middleOnOpenTelemetryAgent ? "io.opentelemetry." : "io.tracer.";
    assertEquals(List.of(), trace.stream()
        .filter(span -> !span.scopeName().startsWith(span.serviceName().equals("b") ? middleScopes : "io.tracer."))
        .toList(), "b's spans come from " + middleScopes + "*, a's and c's from tracer.jar");
  }

  /** The spans under {@code parentSpanId} ({@code ""}: the roots), one line each, children in start order. */
  private static String tree(List<ReceivedSpan> trace, String parentSpanId) {
    return trace.stream()
        .filter(span -> span.parentSpanId().equals(parentSpanId))
        .sorted(Comparator.comparingLong(span -> span.span().getStartTimeUnixNano()))
        .map(span -> {
          String children = tree(trace, span.spanId());
          return line(span) + (children.isEmpty() ? "" : "\n" + children.indent(2).stripTrailing());
        })
        .collect(Collectors.joining("\n"));
  }

  /**
   * Kind, service and name; a database span by its system and operation (tracer.jar and the OpenTelemetry agent
   * name its table differently); a server span with its query.
   */
  private static String line(ReceivedSpan span) {
    String kind = span.kind().name().substring("SPAN_KIND_".length());
    String database = span.stringAttribute("db.system.name") != null
        ? span.stringAttribute("db.system.name") : span.stringAttribute("db.system");
    String what = database != null ? database + " " + span.name().split(" ")[0]
        : span.kind() == SpanKind.SPAN_KIND_SERVER ? span.name() + " ?" + span.stringAttribute("url.query")
        : span.name();
    return kind + " " + span.serviceName() + " " + what;
  }

  private static void execute(String... statements) throws Exception {
    LocalServices postgres = LocalServices.POSTGRES;
    try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
