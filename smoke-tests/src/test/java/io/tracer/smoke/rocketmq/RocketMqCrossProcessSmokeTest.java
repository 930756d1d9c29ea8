package io.tracer.smoke.rocketmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpAttributes;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokeEnvironment;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import io.tracer.testing.LocalServices;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RocketMQ across processes: a producer JVM sends while it serves a request, a consumer JVM processes the message,
 * both with the agent, through RocketMQ's own namesrv and broker in a third JVM (without the agent). Only the
 * message's properties can have carried the trace from one to the other. The consumer queries PostgreSQL for
 * every message, inside its listener.
 */
@ExtendWith(SmokePrerequisites.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RocketMqCrossProcessSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final String SYNC_TOPIC = "tracer-smoke-sync";
  private static final String ASYNC_TOPIC = "tracer-smoke-async";
  private static final String BATCH_TOPIC = "tracer-smoke-batch";
  private static final String ALL_TOPICS = String.join(",", SYNC_TOPIC, ASYNC_TOPIC, BATCH_TOPIC);
  private static final String PRODUCER = "rocketmq-producer";
  private static final String CONSUMER = "rocketmq-consumer";
  private static final String BATCH_CONSUMER = "rocketmq-batch-consumer";

  private OtlpReceiver receiver;
  private TracedApp broker;
  private TracedApp producer;
  private TracedApp consumer;

  @BeforeAll
  void startBrokerProducerAndConsumer() throws Exception {
    LocalServices.POSTGRES.require();
    receiver = OtlpReceiver.start();
    broker = app("broker", "broker")
        .withoutAgent()
        .jvmArgument("-Xmx256m")
        .env("TOPICS", ALL_TOPICS)
        .start();
    producer = app("producer", "producer").serviceName(PRODUCER).exportTo(receiver, OtlpProtocol.GRPC).start();
    // one message per listener call: each call's span is the child of its message's send
    consumer = consumer(CONSUMER, ALL_TOPICS, 1).start();
  }

  @AfterAll
  void stopAll() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {consumer, producer, broker, receiver}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  void aMessageSentDuringARequestIsProcessedInTheConsumerJvmAsTheChildOfItsSend() throws Exception {
    String messageId = sent("/send?topic=" + SYNC_TOPIC);

    ReceivedSpan send = awaitSend(SYNC_TOPIC);
    assertEquals(messageId, send.stringAttribute("messaging.message.id"));
    assertChildOfRequest(send, "GET /send");
    assertProcessedAsChildOf(send, messageId);
  }

  @Test
  void anAsyncSendIsTheChildOfTheRequestAndItsMessageIsProcessedAsItsChild() throws Exception {
    String messageId = sent("/send-async?topic=" + ASYNC_TOPIC);

    ReceivedSpan send = awaitSend(ASYNC_TOPIC);
    assertEquals(messageId, send.stringAttribute("messaging.message.id"));
    assertChildOfRequest(send, "GET /send-async");
    assertProcessedAsChildOf(send, messageId);
  }

  @Test
  void aBatchIsOneSendEachOfWhoseMessagesCarriesItsContextAndABatchListenerCallLinksToEach() throws Exception {
    Set<String> messageIds = Set.of(sent("/send-batch?n=3&topic=" + BATCH_TOPIC).split(","));
    assertEquals(3, messageIds.size(), messageIds.toString());

    ReceivedSpan send = awaitSend(BATCH_TOPIC);
    assertEquals(3L, send.longAttribute("messaging.batch.message_count"));
    assertNull(send.stringAttribute("messaging.message.id"));
    assertChildOfRequest(send, "GET /send-batch");
    for (String messageId : messageIds) {
      assertProcessedAsChildOf(send, messageId);
    }

    // the messages are all in the broker's queue now (the first group consumed each): a new group's first pull
    // takes them together, and its consumer hands up to 10 to one listener call
    try (TracedApp batchConsumer = consumer(BATCH_CONSUMER, BATCH_TOPIC, 10).start()) {
      ReceivedSpan process = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER
          && BATCH_CONSUMER.equals(span.serviceName()), SPAN_TIMEOUT);
      assertEquals("process " + BATCH_TOPIC, process.name());
      assertEquals(3L, process.longAttribute("messaging.batch.message_count"), process.toString());
      assertEquals("", process.parentSpanId(), "a call for several messages starts its own trace");
      List<Span.Link> links = process.span().getLinksList();
      assertEquals(3, links.size(), process.toString());
      for (Span.Link link : links) {
        assertEquals(send.span().getTraceId(), link.getTraceId());
        assertEquals(send.span().getSpanId(), link.getSpanId());
      }
      assertEquals(messageIds, links.stream()
          .map(link -> OtlpAttributes.stringValue(link.getAttributesList(), "messaging.message.id"))
          .collect(Collectors.toSet()));

      List<ReceivedSpan> queries = receiver.awaitSpans(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
          && process.spanId().equals(span.parentSpanId()), 3, SPAN_TIMEOUT);
      assertEquals(3, queries.size(), OtlpReceiver.describe(queries));
      for (ReceivedSpan query : queries) {
        assertEquals(process.traceId(), query.traceId());
        assertEquals("select ?", query.stringAttribute("db.query.text"));
      }
    }
  }

  /** Sends through the producer's servlet and answers the message id(s) it answers. */
  private String sent(String path) {
    HttpResult result = producer.get(path);
    assertEquals(200, result.status(), producer.describeOutput());
    return result.body();
  }

  private ReceivedSpan awaitSend(String topic) throws InterruptedException {
    ReceivedSpan send = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_PRODUCER
        && topic.equals(span.stringAttribute("messaging.destination.name")), SPAN_TIMEOUT);
    assertEquals("send " + topic, send.name());
    assertEquals(PRODUCER, send.serviceName());
    assertEquals("rocketmq", send.stringAttribute("messaging.system"));
    assertEquals(StatusCode.STATUS_CODE_UNSET, send.statusCode());
    return send;
  }

  private void assertChildOfRequest(ReceivedSpan send, String requestName) throws InterruptedException {
    ReceivedSpan request = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_SERVER
        && span.traceId().equals(send.traceId()), SPAN_TIMEOUT);
    assertEquals(requestName, request.name());
    assertEquals(PRODUCER, request.serviceName());
    assertEquals(request.spanId(), send.parentSpanId());
  }

  /** The consumer JVM's span for {@code messageId} is the child of {@code send}, and its query the child of it. */
  private void assertProcessedAsChildOf(ReceivedSpan send, String messageId) throws InterruptedException {
    ReceivedSpan process = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CONSUMER
        && CONSUMER.equals(span.serviceName()) && messageId.equals(span.stringAttribute("messaging.message.id")),
        SPAN_TIMEOUT);
    assertEquals("process " + send.stringAttribute("messaging.destination.name"), process.name());
    assertEquals(send.traceId(), process.traceId());
    assertEquals(send.spanId(), process.parentSpanId());
    assertEquals(StatusCode.STATUS_CODE_UNSET, process.statusCode());

    ReceivedSpan query = receiver.awaitSpan(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
        && process.spanId().equals(span.parentSpanId()), SPAN_TIMEOUT);
    assertEquals(CONSUMER, query.serviceName());
    assertEquals(process.traceId(), query.traceId());
    assertEquals("postgresql", query.stringAttribute("db.system.name"));
    assertEquals("select ?", query.stringAttribute("db.query.text"));
  }

  private TracedApp.Builder consumer(String serviceName, String topics, int batchSize) {
    return app("consumer", serviceName)
        .serviceName(serviceName)
        .exportTo(receiver, OtlpProtocol.GRPC)
        .env("CONSUMER_GROUP", "tracer-smoke-" + serviceName)
        .env("TOPICS", topics)
        .env("CONSUME_BATCH_MAX_SIZE", Integer.toString(batchSize))
        .env("JDBC_URL", LocalServices.POSTGRES.url())
        .env("JDBC_USER", LocalServices.POSTGRES.user());
  }

  /** One role's JVM; RocketMQ's log files go to its log folder, and its consumers rebalance every 200 ms. */
  private TracedApp.Builder app(String role, String label) {
    String runLabel = getClass().getSimpleName() + "-" + label;
    TracedApp.Builder builder = TracedApp.builder("rocketmq")
        .label(runLabel)
        .env("ROLE", role)
        .jvmArgument("-Duser.home=" + SmokeEnvironment.logsDir().resolve(runLabel))
        .jvmArgument("-Drocketmq.client.rebalance.waitInterval=200");
    if (broker != null) {
      builder.env("NAMESRV_ADDR", "127.0.0.1:" + broker.port());
    }
    return builder;
  }
}
