package io.tracer.instrumentation.rocketmq;

import static io.tracer.instrumentation.rocketmq.RocketMqClients.awaitSpan;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.message;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends of every kind. The surefire configuration sets {@code otel.rocketmq.ignored-topics=tracer-ignored-*} and
 * captures bodies cut to 8 bytes.
 */
@ExtendWith(EmbeddedRocketMq.class)
class RocketMqProducerTest {

  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

  private static final RocketMqClients clients = new RocketMqClients();
  private static DefaultMQProducer producer;

  @BeforeAll
  static void startProducer() throws Exception {
    producer = clients.producer(null);
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  @Test
  void anAsyncSendIsAChildOfTheCallerAndItsCallbackRunsInItsContextAfterItEnded() throws Exception {
    String topic = newTopic("async");
    CompletableFuture<String> callbackSpan = new CompletableFuture<>();
    CompletableFuture<Boolean> sendEndedFirst = new CompletableFuture<>();
    CompletableFuture<SendResult> answer = new CompletableFuture<>();
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      producer.send(message(topic, null, null, "later"), new SendCallback() {
        @Override
        public void onSuccess(SendResult sendResult) {
          callbackSpan.complete(Span.current().getSpanContext().getSpanId());
          sendEndedFirst.complete(TestAgent.spans().stream().anyMatch(span -> span.getKind() == SpanKind.PRODUCER
              && topic.equals(span.getAttributes().get(RocketMqClients.DESTINATION))));
          answer.complete(sendResult);
        }

        @Override
        public void onException(Throwable e) {
          answer.completeExceptionally(e);
        }
      });
    } finally {
      request.end();
    }
    SendResult result = answer.get(30, TimeUnit.SECONDS);
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId());
    assertEquals(result.getMsgId(), send.getAttributes().get(MESSAGE_ID));
    assertEquals(send.getSpanId(), callbackSpan.get());
    assertTrue(sendEndedFirst.get());
  }

  @Test
  void aOnewaySendIsTracedAndCarriesItsContext() throws Exception {
    String topic = newTopic("oneway");
    clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    producer.sendOneway(message(topic, null, null, "fire and forget"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertNull(send.getAttributes().get(MESSAGE_ID));
    assertEquals(StatusCode.UNSET, send.getStatus().getStatusCode());
    SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals(send.getSpanId(), process.getParentSpanId());
  }

  @Test
  void aSendTheBrokerRefusesIsAnError() throws Exception {
    // the broker is known to the producer once it has sent anywhere; this topic exists nowhere
    producer.send(message(newTopic("known"), null, null, "warm up"));
    String missing = "tracer-missing-topic";
    assertThrows(MQBrokerException.class, () -> producer.send(message(missing, null, null, "nowhere"),
        new MessageQueue(missing, "tracer-broker", 0)));
    SpanData send = awaitSpan(SpanKind.PRODUCER, missing);
    assertEquals(StatusCode.ERROR, send.getStatus().getStatusCode());
    assertEquals(MQBrokerException.class.getName(),
        send.getAttributes().get(AttributeKey.stringKey("error.type")));
    assertEquals("exception", send.getEvents().get(0).getName());
  }

  @Test
  void theNamespaceIsAnAttributeAndNotPartOfTheDestination() throws Exception {
    String topic = "tracer-namespaced";
    EmbeddedRocketMq.get().createTopic("tracer-ns%" + topic);
    DefaultMQProducer namespaced = clients.producer("tracer-ns");
    namespaced.send(message(topic, null, null, "in a namespace"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals("send " + topic, send.getName());
    assertEquals("tracer-ns", send.getAttributes().get(AttributeKey.stringKey("rocketmq.namespace")));
  }

  @Test
  void anIgnoredTopicHasNoSpanAndItsMessageNoContext() throws Exception {
    String topic = newTopic("ignored");
    String traced = newTopic("after-ignored");
    Message message = message(topic, null, null, "quiet");
    producer.send(message);
    producer.send(message(traced, null, null, "loud"));
    awaitSpan(SpanKind.PRODUCER, traced);
    assertTrue(TestAgent.spans().stream().noneMatch(span -> topic.equals(span.getAttributes().get(RocketMqClients.DESTINATION))));
    assertNull(message.getProperty("traceparent"));
  }

  @Test
  void theBodyIsCapturedCutToTheConfiguredSize() throws Exception {
    String topic = newTopic("body");
    producer.send(message(topic, null, null, "0123456789abcdef"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals("01234567", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.body")));
    assertEquals(16L, send.getAttributes().get(AttributeKey.longKey("messaging.message.body.size")));
    assertNotNull(send.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id")));
  }
}
