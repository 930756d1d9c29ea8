package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokeEnvironment;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * tracer.jar and the OpenTelemetry Java agent attached to the same JVM, in either order: the application (Tomcat,
 * calling itself with the JDK HttpClient, HttpURLConnection and OkHttp) answers as it does alone, no linkage error
 * shows, and each agent exports its own spans; tracer.jar does not trace the other agent's exports. With the
 * OpenTelemetry agent first, tracer.jar's spans need that agent told to leave tracer.jar's class loader alone;
 * without it, tracer.jar says so on stderr. One JVM per order.
 */
@ExtendWith(SmokePrerequisites.class)
@ParameterizedClass(name = "{0}")
@EnumSource(NeighbourAgentSmokeTest.Order.class)
class NeighbourAgentSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> LINKAGE_FAILURES = List.of("ClassCircularityError", "NoSuchMethodError",
      "LinkageError", "StackOverflowError", "NoClassDefFoundError", "not linked, that code runs untraced");
  private static final String TRACER_SCOPE = "io.tracer.";
  private static final String OPENTELEMETRY_AGENT_SCOPE = "io.opentelemetry.";

  enum Order {
    TRACER_FIRST(false, null, List.of("io.tracer.http-url-connection", "io.tracer.java-http-client",
        "io.tracer.okhttp")),
    /**
     * HttpURLConnection's implementation, loaded after both agents are installed, reaches tracer.jar already
     * changed by the OpenTelemetry agent, implementing interfaces that agent defines at run time without a class
     * file: tracer.jar cannot describe it and leaves it untraced (a debug line says so).
     */
    OPENTELEMETRY_AGENT_FIRST(true, "io.tracer.bootstrap.AgentClassLoader",
        List.of("io.tracer.java-http-client", "io.tracer.okhttp")),
    OPENTELEMETRY_AGENT_FIRST_UNCONFIGURED(true, null, List.of());

    final boolean openTelemetryAgentFirst;
    /** {@code OTEL_JAVAAGENT_EXCLUDE_CLASS_LOADERS}, for the OpenTelemetry agent; {@code null}: not set */
    final String excludedClassLoaders;
    /** The scopes of tracer.jar's CLIENT spans under its SERVER span of {@code /front} */
    final List<String> tracerClientScopes;

    Order(boolean openTelemetryAgentFirst, String excludedClassLoaders, List<String> tracerClientScopes) {
      this.openTelemetryAgentFirst = openTelemetryAgentFirst;
      this.excludedClassLoaders = excludedClassLoaders;
      this.tracerClientScopes = tracerClientScopes;
    }

    boolean tracerExports() {
      return !openTelemetryAgentFirst || excludedClassLoaders != null;
    }
  }

  private static OtlpReceiver receiver;
  private static TracedApp app;

  @Parameter
  Order order;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  /** Both agents read the same {@code OTEL_*} variables: both export to the one receiver, told apart by scope. */
  @BeforeParameterizedClassInvocation
  static void startApp(Order order) throws Exception {
    int port = freePort();
    TracedApp.Builder builder = TracedApp.builder("http-client-chain")
        .label(NeighbourAgentSmokeTest.class.getSimpleName() + "-" + order)
        .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
        .env("OTEL_METRICS_EXPORTER", "none")
        .env("OTEL_LOGS_EXPORTER", "none")
        // the application calls itself: its own /back is the downstream of /front
        .env("PORT", Integer.toString(port))
        .env("DOWNSTREAM_URL", "http://127.0.0.1:" + port);
    if (order.openTelemetryAgentFirst) {
      builder.otherAgent(SmokeEnvironment.openTelemetryJavaagentJar())
          .jvmArgument("-javaagent:" + SmokeEnvironment.tracerJar());
    } else {
      builder.jvmArgument("-javaagent:" + SmokeEnvironment.openTelemetryJavaagentJar());
    }
    if (order.excludedClassLoaders != null) {
      builder.env("OTEL_JAVAAGENT_EXCLUDE_CLASS_LOADERS", order.excludedClassLoaders);
    }
    app = builder.start();
  }

  @AfterParameterizedClassInvocation
  static void stopApp() throws Exception {
    if (app != null) {
      app.close();
      app = null;
    }
  }

  @Test
  void theApplicationAnswersAsItDoesAloneAndBothAgentsExport() throws Exception {
    String marker = "marker=" + UUID.randomUUID();
    assertEquals(new HttpResult(200, "back:jdk,back:url-connection,back:okhttp"), app.get("/front?" + marker));
    assertEquals(new HttpResult(200, "back:relay"), app.get("/relay/" + app.port() + "/back?client=relay"));
    assertEquals(new HttpResult(200, "back:direct"), app.get("/back?client=direct"));

    ReceivedSpan openTelemetryEntry = receiver.awaitSpan(span -> span.scopeName().startsWith(OPENTELEMETRY_AGENT_SCOPE)
        && span.kind() == SpanKind.SPAN_KIND_SERVER && marker.equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);
    if (order.tracerExports()) {
      ReceivedSpan tracerEntry = receiver.awaitSpan(span -> span.scopeName().startsWith(TRACER_SCOPE)
          && span.kind() == SpanKind.SPAN_KIND_SERVER && marker.equals(span.stringAttribute("url.query")),
          SPAN_TIMEOUT);
      List<String> clientScopes = receiver.awaitSpans(span -> span.scopeName().startsWith(TRACER_SCOPE)
          && span.kind() == SpanKind.SPAN_KIND_CLIENT && span.parentSpanId().equals(tracerEntry.spanId()),
          order.tracerClientScopes.size(), SPAN_TIMEOUT).stream().map(ReceivedSpan::scopeName).sorted().toList();
      assertEquals(order.tracerClientScopes, clientScopes);
      // what a user of both agents sees, for the README
      System.out.println(order + ": tracer.jar's trace\n" + OtlpReceiver.describe(receiver.spansOfTrace(
          tracerEntry.traceId())) + "\nthe OpenTelemetry agent's trace\n"
          + OtlpReceiver.describe(receiver.spansOfTrace(openTelemetryEntry.traceId())));
      assertNoTracerSpanOfTheOtherAgentsExports();
    } else {
      assertTrue(app.stderrLines().stream().anyMatch(line -> line.startsWith("[tracer] the OpenTelemetry Java agent "
          + "is attached before tracer.jar")), app.describeOutput());
    }

    List<String> failures = Stream.concat(app.stdoutLines().stream(), app.stderrLines().stream())
        .filter(line -> LINKAGE_FAILURES.stream().anyMatch(line::contains))
        .toList();
    assertEquals(List.of(), failures, app.describeOutput());
  }

  /**
   * The OpenTelemetry agent has exported the requests' spans by now; a later request's span is the barrier, as
   * tracer.jar exports spans in the order they end.
   */
  private void assertNoTracerSpanOfTheOtherAgentsExports() throws InterruptedException {
    String barrier = "barrier-" + UUID.randomUUID();
    assertEquals(new HttpResult(200, "back:" + barrier), app.get("/back?client=" + barrier));
    receiver.awaitSpan(span -> span.scopeName().startsWith(TRACER_SCOPE)
        && ("client=" + barrier).equals(span.stringAttribute("url.query")), SPAN_TIMEOUT);
    List<ReceivedSpan> exportSpans = receiver.matching(span -> span.scopeName().startsWith(TRACER_SCOPE)
        && String.valueOf(span.stringAttribute("url.full")).endsWith("/v1/traces"));
    assertEquals(List.of(), exportSpans, "tracer.jar traced the OpenTelemetry agent's exports");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
