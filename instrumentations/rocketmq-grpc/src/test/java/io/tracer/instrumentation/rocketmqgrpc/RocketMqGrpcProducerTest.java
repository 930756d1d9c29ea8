package io.tracer.instrumentation.rocketmqgrpc;

import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.awaitSpan;
import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.message;
import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientConfigurationBuilder;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.apache.rocketmq.client.apis.producer.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sends of the gRPC client's producer, through the in-process proxy. */
@ExtendWith(EmbeddedProxy.class)
class RocketMqGrpcProducerTest {

  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

  private static final GrpcClients clients = new GrpcClients();
  private static Producer producer;

  @BeforeAll
  static void startProducer() throws Exception {
    producer = clients.producer();
  }

  @AfterAll
  static void stop() throws Exception {
    clients.close();
  }

  @Test
  void aSendIsAProducerSpanUnderTheCallersSpan() throws Exception {
    String topic = newTopic("send");
    Message message = message(topic, "tagA", "hello world", "k1", "k2");
    SendReceipt receipt;
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      receipt = producer.send(message);
    } finally {
      request.end();
    }

    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(1, GrpcClients.awaitSpans(SpanKind.PRODUCER, topic, 1).size());
    assertEquals("send " + topic, send.getName());
    assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId());
    assertEquals("rocketmq", send.getAttributes().get(AttributeKey.stringKey("messaging.system")));
    assertEquals("send", send.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
    assertEquals(receipt.getMessageId().toString(), send.getAttributes().get(MESSAGE_ID));
    assertEquals("tagA", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.tag")));
    assertEquals(Arrays.asList("k1", "k2"),
        send.getAttributes().get(AttributeKey.stringArrayKey("rocketmq.message.keys")));
    assertEquals("normal", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.type")));
    assertEquals(EmbeddedProxy.get().endpoints(), send.getAttributes().get(AttributeKey.stringKey("server.address"))
        + ":" + send.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(11L, send.getAttributes().get(AttributeKey.longKey("messaging.message.body.size")));
    assertEquals("hello wo", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.body")));
    assertEquals(StatusCode.UNSET, send.getStatus().getStatusCode());
    // the application's message is as it built it, and the send's context is not left current
    assertEquals(Collections.emptyMap(), message.getProperties());
    assertFalse(Span.current().getSpanContext().isValid());
  }

  @Test
  void anAsynchronousSendEndsWhenTheBrokerAnswers() throws Exception {
    String topic = newTopic("send-async");
    SendReceipt receipt;
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      receipt = producer.sendAsync(message(topic, null, "later")).get(30, TimeUnit.SECONDS);
    } finally {
      request.end();
    }
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId());
    assertEquals(receipt.getMessageId().toString(), send.getAttributes().get(MESSAGE_ID));
    assertEquals(StatusCode.UNSET, send.getStatus().getStatusCode());
    assertNull(send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.tag")));
  }

  @Test
  void aSendThatFailsIsAnError() {
    // never created: the proxy finds no route for it
    String topic = "tracer-grpc-missing-" + System.nanoTime();
    assertThrows(ClientException.class, () -> producer.send(message(topic, null, "nowhere")));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(StatusCode.ERROR, send.getStatus().getStatusCode());
    assertNotNull(send.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("exception", send.getEvents().get(0).getName());
    assertNull(send.getAttributes().get(MESSAGE_ID));
  }

  @Test
  void aTransactionalSendIsMarkedAsSuch() throws Exception {
    String topic = newTopic("transaction");
    Producer transactional = clients.transactionalProducer(topic);
    Transaction transaction = transactional.beginTransaction();
    SendReceipt receipt = transactional.send(message(topic, null, "half"), transaction);
    transaction.commit();
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals("transaction", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.type")));
    assertEquals(receipt.getMessageId().toString(), send.getAttributes().get(MESSAGE_ID));
  }

  @Test
  void aNamespacedSendNamesTheTopicAndTheNamespaceApart() throws Exception {
    Method setNamespace = methodIfPresent(ClientConfigurationBuilder.class, "setNamespace", String.class);
    assumeTrue(setNamespace != null, "rocketmq-client-java 5.0.0 has no namespaces");
    String topic = "tracer-grpc-namespaced-" + System.nanoTime();
    // this proxy routes by the topic's name alone, whatever the namespace
    EmbeddedProxy.get().createTopic(topic);
    ClientConfigurationBuilder configuration = ClientConfiguration.newBuilder()
        .setEndpoints(EmbeddedProxy.get().endpoints()).setRequestTimeout(Duration.ofSeconds(15));
    setNamespace.invoke(configuration, "tracer-ns");
    try (Producer namespaced = GrpcClients.PROVIDER.newProducerBuilder()
        .setClientConfiguration(configuration.build()).build()) {
      namespaced.send(message(topic, null, "in a namespace"));
    }
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(1, GrpcClients.awaitSpans(SpanKind.PRODUCER, topic, 1).size());
    assertEquals("send " + topic, send.getName());
    assertEquals("tracer-ns", send.getAttributes().get(AttributeKey.stringKey("rocketmq.namespace")));
  }

  private static Method methodIfPresent(Class<?> type, String name, Class<?>... parameters) {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException absent) {
      return null;
    }
  }

  @Test
  void anIgnoredTopicHasNoSpan() throws Exception {
    String ignoredTopic = "tracer-ignored-" + System.nanoTime();
    EmbeddedProxy.get().createTopic(ignoredTopic);
    String marker = newTopic("after-ignored");
    producer.send(message(ignoredTopic, null, "quiet"));
    producer.send(message(marker, null, "loud"));
    awaitSpan(SpanKind.PRODUCER, marker);
    assertTrue(TestAgent.spans().stream()
        .noneMatch(span -> ignoredTopic.equals(span.getAttributes().get(GrpcClients.DESTINATION))));
  }
}
