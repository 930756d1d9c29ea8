package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code otel.traces.exporter=jaeger_agent}: the datagrams a real UDP socket on loopback receives, decoded as the
 * Jaeger agent does (compact Thrift, {@code Agent.emitBatch}).
 */
class JaegerAgentExporterTest {

  private DatagramSocket agent;

  @BeforeEach
  void openAgentSocket() throws Exception {
    agent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    agent.setReceiveBufferSize(4 << 20);
  }

  @AfterEach
  void closeAgentSocket() {
    agent.close();
  }

  private ExporterTestSdk sdkSendingToAgent(String... more) {
    List<String> settings = new ArrayList<>(List.of("otel.traces.exporter", "jaeger_agent",
        "otel.exporter.jaeger.agent.host", "127.0.0.1",
        "otel.exporter.jaeger.agent.port", String.valueOf(agent.getLocalPort())));
    settings.addAll(List.of(more));
    return new ExporterTestSdk(settings.toArray(new String[0]));
  }

  @Test
  void sendsAnEmitBatchCallThatJaegersOwnClassesDecode() throws Exception {
    TracedScenario scenario;
    ExporterTestSdk sdk = sdkSendingToAgent();
    try (sdk) {
      scenario = TracedScenario.run(sdk.tracer());
    }

    List<byte[]> datagrams = receiveAll();
    assertEquals(1, datagrams.size());
    Batch batch = decodeEmitBatch(datagrams.get(0));
    JaegerThriftAssertions.assertScenario(scenario, batch.getSpans(), batch);
    assertEquals(List.of(), sdk.diagnosticLines());
    assertEquals("", sdk.configProblems());
  }

  @Test
  void aLargeBatchIsSplitOverDatagramsThatEachFitAndTogetherHoldEverySpanOnce() throws Exception {
    int spans = 60;
    Set<Long> sent = new HashSet<>();
    ExporterTestSdk sdk = sdkSendingToAgent("otel.attribute.value.length.limit", "100000");
    try (sdk) {
      Tracer tracer = sdk.tracer();
      for (int i = 0; i < spans; i++) {
        io.opentelemetry.api.trace.Span span = tracer.spanBuilder("span " + i)
            .setAttribute("payload", "x".repeat(4_000)).startSpan();
        span.end();
        sent.add(Long.parseUnsignedLong(span.getSpanContext().getSpanId(), 16));
      }
    }

    List<byte[]> datagrams = receiveAll();
    assertTrue(datagrams.size() >= 4, datagrams.size() + " datagrams");
    List<Long> received = new ArrayList<>();
    for (byte[] datagram : datagrams) {
      assertTrue(datagram.length <= 65_000, datagram.length + " bytes");
      Batch batch = decodeEmitBatch(datagram);
      assertEquals("exporter-test", batch.getProcess().getServiceName());
      for (Span span : batch.getSpans()) {
        received.add(span.getSpanId());
      }
    }
    assertEquals(spans, received.size());
    assertEquals(sent, new HashSet<>(received));
    assertEquals(List.of(), sdk.diagnosticLines());
  }

  @Test
  void aSpanTooLargeForOneDatagramIsCountedAsLostAndTheOthersArrive() throws Exception {
    ExporterTestSdk sdk = sdkSendingToAgent("otel.attribute.value.length.limit", "100000");
    try (sdk) {
      sdk.tracer().spanBuilder("small").startSpan().end();
      sdk.tracer().spanBuilder("huge").setAttribute("payload", "x".repeat(70_000)).startSpan().end();
    }

    List<byte[]> datagrams = receiveAll();
    assertEquals(1, datagrams.size());
    assertEquals(List.of("small"), decodeEmitBatch(datagrams.get(0)).getSpans().stream()
        .map(Span::getOperationName).toList());
    List<String> lines = sdk.diagnosticLines();
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).matches("\\[tracer] lost 1 span for udp://127\\.0\\.0\\.1:" + agent.getLocalPort()
        + " because its Thrift encoding \\(7\\d{4} bytes\\) does not fit in one UDP datagram \\(65000 bytes\\);"
        + " further losses are summarized at most once a minute"), lines.get(0));
  }

  @Test
  void anAgentThatIsNotThereIsToldOnceTheKernelKnows() throws Exception {
    int closedPort = agent.getLocalPort();
    agent.close();
    SpanData span = TestSpanData.builder()
        .setName("unheard")
        .setKind(SpanKind.INTERNAL)
        .setStartEpochNanos(1)
        .setEndEpochNanos(2)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .build();
    JaegerAgentExporter exporter = new JaegerAgentExporter("127.0.0.1", closedPort);
    try {
      // the first datagram only draws the kernel's ICMP answer; a send after it has arrived fails
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      CompletableResultCode result = exporter.export(List.of(span));
      while (result.isSuccess() && System.nanoTime() < deadline) {
        Thread.sleep(10);
        result = exporter.export(List.of(span));
      }

      assertTrue(result.getFailureThrowable() instanceof SpansLostException,
          String.valueOf(result.getFailureThrowable()));
      SpansLostException lost = (SpansLostException) result.getFailureThrowable();
      assertEquals(1, lost.spans());
      assertTrue(lost.getMessage().startsWith("export failed: java.net.PortUnreachableException"), lost.getMessage());
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void aBadPortIsReportedAndTheDefaultUsed() {
    ExporterTestSdk sdk = new ExporterTestSdk("otel.traces.exporter", "jaeger_agent",
        "otel.exporter.jaeger.agent.port", "70000");
    sdk.close();

    assertTrue(sdk.configProblems().startsWith("[tracer] invalid configuration otel.exporter.jaeger.agent.port="
        + "\"70000\""), sdk.configProblems());
    assertTrue(sdk.configProblems().trim().endsWith("using 6831"), sdk.configProblems());
  }

  /** The SDK has shut down, so everything was sent: the loopback socket holds it all. */
  private List<byte[]> receiveAll() throws Exception {
    List<byte[]> datagrams = new ArrayList<>();
    agent.setSoTimeout(200);
    byte[] buffer = new byte[65_535];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        agent.receive(packet);
      } catch (SocketTimeoutException nothingMore) {
        return datagrams;
      }
      datagrams.add(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
    }
  }

  private static Batch decodeEmitBatch(byte[] datagram) throws Exception {
    TCompactProtocol protocol = new TCompactProtocol(new TMemoryInputTransport(datagram));
    TMessage message = protocol.readMessageBegin();
    assertEquals("emitBatch", message.name);
    assertEquals(TMessageType.ONEWAY, message.type);
    Agent.emitBatch_args arguments = new Agent.emitBatch_args();
    arguments.read(protocol);
    protocol.readMessageEnd();
    return arguments.getBatch();
  }
}
