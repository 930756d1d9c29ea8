package io.tracer.instrumentation.rocketmq;

import static io.tracer.instrumentation.rocketmq.RocketMqClients.awaitSpan;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.awaitSpans;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.message;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Push consumers with both kinds of listener, fed by a producer, against the in-process broker. */
@ExtendWith(EmbeddedRocketMq.class)
class RocketMqPushConsumerTest {

  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

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
  void singleMessageIsProcessedAsChildOfItsSendAndInsideTheListener() throws Exception {
    String topic = newTopic("single");
    List<String> innerParents = Collections.synchronizedList(new ArrayList<>());
    clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> {
      Span inner = AgentServices.tracer("test").spanBuilder("inside listener").startSpan();
      innerParents.add(Span.current().getSpanContext().getSpanId());
      inner.end();
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    SendResult result;
    Span request = AgentServices.tracer("test").spanBuilder("request").startSpan();
    try (Scope ignored = request.makeCurrent()) {
      result = producer.send(message(topic, "tagA", "k1 k2", "hello"));
    } finally {
      request.end();
    }

    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals("send " + topic, send.getName());
    assertEquals(request.getSpanContext().getSpanId(), send.getParentSpanId());
    assertEquals("rocketmq", send.getAttributes().get(AttributeKey.stringKey("messaging.system")));
    assertEquals("send", send.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
    assertEquals(result.getMsgId(), send.getAttributes().get(MESSAGE_ID));
    assertEquals("tagA", send.getAttributes().get(AttributeKey.stringKey("rocketmq.message.tag")));
    assertEquals(Arrays.asList("k1", "k2"), send.getAttributes().get(AttributeKey.stringArrayKey("rocketmq.message.keys")));
    assertEquals("127.0.0.1", send.getAttributes().get(AttributeKey.stringKey("server.address")));
    assertEquals(EmbeddedRocketMq.get().brokerAddress(),
        "127.0.0.1:" + send.getAttributes().get(AttributeKey.longKey("server.port")));
    assertEquals(StatusCode.UNSET, send.getStatus().getStatusCode());

    SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals("process " + topic, process.getName());
    assertEquals(send.getTraceId(), process.getTraceId());
    assertEquals(send.getSpanId(), process.getParentSpanId());
    assertEquals("process", process.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
    assertEquals(result.getMsgId(), process.getAttributes().get(MESSAGE_ID));
    assertTrue(process.getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")).startsWith("tracer-group-"));
    assertEquals(0L, process.getAttributes().get(AttributeKey.longKey("rocketmq.message.reconsume_times")));
    assertEquals("tagA", process.getAttributes().get(AttributeKey.stringKey("rocketmq.message.tag")));

    SpanData inner = TestAgent.awaitSpans(span -> span.getName().equals("inside listener")
        && span.getTraceId().equals(send.getTraceId()), 1, java.time.Duration.ofSeconds(10)).get(0);
    assertEquals(process.getSpanId(), inner.getParentSpanId());
    assertEquals(Collections.singletonList(process.getSpanId()), innerParents);
  }

  @Test
  void everyMessageOfABatchCarriesTheSendContextAndABatchCallLinksToEach() throws Exception {
    String topic = newTopic("batch");
    List<Message> batch = Arrays.asList(message(topic, "t", null, "one"), message(topic, "t", null, "two"),
        message(topic, "t", null, "three"));
    producer.send(batch);
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    assertEquals(3L, send.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
    assertNull(send.getAttributes().get(MESSAGE_ID));

    // one at a time: each message's own context names the batch's send as its parent
    clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    List<SpanData> singles = awaitSpans(SpanKind.CONSUMER, topic, 3);
    for (SpanData process : singles) {
      assertEquals(send.getSpanId(), process.getParentSpanId());
      assertEquals(send.getTraceId(), process.getTraceId());
    }

    // all at once, by a second group: one span of a new trace, linked to the send once per message
    List<String> received = Collections.synchronizedList(new ArrayList<>());
    clients.consumer(topic, 10, (MessageListenerConcurrently) (messages, context) -> {
      messages.forEach(message -> received.add(message.getMsgId()));
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    SpanData together = awaitSpans(SpanKind.CONSUMER, topic, 4).stream()
        .filter(span -> !span.getLinks().isEmpty()).findFirst().orElseThrow(AssertionError::new);
    assertFalse(together.getParentSpanContext().isValid());
    assertEquals(received.size(), together.getLinks().size());
    assertEquals((long) received.size(), together.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
    for (LinkData link : together.getLinks()) {
      assertEquals(send.getSpanId(), link.getSpanContext().getSpanId());
    }
    assertEquals(Set.copyOf(received),
        together.getLinks().stream().map(link -> link.getAttributes().get(MESSAGE_ID)).collect(Collectors.toSet()));
  }

  @Test
  void reconsumeLaterIsAnErrorAndTheRedeliveryCountsItsAttempt() throws Exception {
    String topic = newTopic("reconsume");
    AtomicInteger calls = new AtomicInteger();
    clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> {
      if (calls.incrementAndGet() == 1) {
        context.setDelayLevelWhenNextConsume(1);
        return ConsumeConcurrentlyStatus.RECONSUME_LATER;
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    producer.send(message(topic, null, null, "retry me"));
    List<SpanData> attempts = awaitSpans(SpanKind.CONSUMER, topic, 2);
    SpanData first = attempts.get(0);
    SpanData second = attempts.get(1);
    assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
    assertEquals("RECONSUME_LATER", first.getAttributes().get(ERROR_TYPE));
    assertEquals(0L, first.getAttributes().get(AttributeKey.longKey("rocketmq.message.reconsume_times")));
    assertEquals(StatusCode.UNSET, second.getStatus().getStatusCode());
    assertEquals(1L, second.getAttributes().get(AttributeKey.longKey("rocketmq.message.reconsume_times")));
    assertEquals(topic, second.getAttributes().get(RocketMqClients.DESTINATION));
    assertEquals(first.getParentSpanId(), second.getParentSpanId());
  }

  @Test
  void anExceptionOfTheListenerIsRecorded() throws Exception {
    String topic = newTopic("throwing");
    AtomicInteger calls = new AtomicInteger();
    clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("cannot process");
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    producer.send(message(topic, null, null, "boom"));
    SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    assertEquals(IllegalStateException.class.getName(), process.getAttributes().get(ERROR_TYPE));
    assertEquals("exception", process.getEvents().get(0).getName());
  }

  @Test
  void anOrderlyListenerThatSuspendsIsAnErrorThenSucceeds() throws Exception {
    String topic = newTopic("orderly");
    AtomicInteger calls = new AtomicInteger();
    Set<String> currentSpans = ConcurrentHashMap.newKeySet();
    clients.consumer(topic, 1, (MessageListenerOrderly) (messages, context) -> {
      currentSpans.add(Span.current().getSpanContext().getSpanId());
      if (calls.incrementAndGet() == 1) {
        context.setSuspendCurrentQueueTimeMillis(10);
        return ConsumeOrderlyStatus.SUSPEND_CURRENT_QUEUE_A_MOMENT;
      }
      return ConsumeOrderlyStatus.SUCCESS;
    });
    producer.send(message(topic, null, null, "in order"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    List<SpanData> attempts = awaitSpans(SpanKind.CONSUMER, topic, 2);
    assertEquals(StatusCode.ERROR, attempts.get(0).getStatus().getStatusCode());
    assertEquals("SUSPEND_CURRENT_QUEUE_A_MOMENT", attempts.get(0).getAttributes().get(ERROR_TYPE));
    assertEquals(StatusCode.UNSET, attempts.get(1).getStatus().getStatusCode());
    for (SpanData attempt : attempts) {
      assertEquals(send.getSpanId(), attempt.getParentSpanId());
    }
    assertEquals(attempts.stream().map(SpanData::getSpanId).collect(Collectors.toSet()), currentSpans);
  }

  @Test
  void aReceivedMessageSentOnIsParentedByTheNewSendNotItsOldContext() throws Exception {
    String first = newTopic("forward-in");
    String second = newTopic("forward-out");
    clients.consumer(first, 1, (MessageListenerConcurrently) (messages, context) -> {
      MessageExt received = messages.get(0);
      received.setTopic(second);
      try {
        producer.send(received);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    clients.consumer(second, 1, (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
    producer.send(message(first, null, null, "relay"));
    SpanData relayed = awaitSpan(SpanKind.PRODUCER, second);
    SpanData processedFirst = awaitSpan(SpanKind.CONSUMER, first);
    SpanData processedSecond = awaitSpan(SpanKind.CONSUMER, second);
    assertEquals(processedFirst.getSpanId(), relayed.getParentSpanId());
    assertEquals(relayed.getSpanId(), processedSecond.getParentSpanId());
  }
}
