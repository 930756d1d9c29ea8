package io.tracer.instrumentation.rocketmq;

import static io.tracer.instrumentation.rocketmq.RocketMqClients.awaitSpan;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.message;
import static io.tracer.instrumentation.rocketmq.RocketMqClients.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.instrumentation.api.AgentServices;
import io.tracer.testing.TestAgent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.LocalTransactionState;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.TransactionListener;
import org.apache.rocketmq.client.producer.TransactionMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Transactional producers and lite pull consumers. */
@ExtendWith(EmbeddedRocketMq.class)
class RocketMqTransactionAndPullTest {

  private static final AttributeKey<String> STATE = AttributeKey.stringKey("rocketmq.transaction.state");
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
  void theHalfMessageTheLocalTransactionAndTheBrokersCheckAreOneTrace() throws Exception {
    String topic = newTopic("transaction");
    OrderTransactions transactions = new OrderTransactions();
    TransactionMQProducer transactional = new TransactionMQProducer("tracer-transactions");
    transactional.setNamesrvAddr(EmbeddedRocketMq.get().namesrvAddress());
    transactional.setInstanceName("tracer-transactions");
    transactional.setTransactionListener(transactions);
    transactional.start();
    try {
      clients.consumer(topic, 1, (MessageListenerConcurrently) (messages, context) -> ConsumeConcurrentlyStatus.CONSUME_SUCCESS);
      transactional.sendMessageInTransaction(message(topic, null, null, "order 7"), null);
      assertTrue(transactional.getTransactionListener() instanceof OrderTransactions);
      assertEquals(topic, transactions.checked.get(30, TimeUnit.SECONDS));

      SpanData half = awaitSpan(SpanKind.PRODUCER, topic);
      assertEquals("transaction", half.getAttributes().get(AttributeKey.stringKey("rocketmq.message.type")));
      SpanData executed = awaitInternal("execute transaction " + topic);
      assertEquals(half.getSpanId(), executed.getParentSpanId());
      assertEquals("UNKNOW", executed.getAttributes().get(STATE));
      SpanData check = awaitInternal("check transaction " + topic);
      assertEquals(half.getSpanId(), check.getParentSpanId());
      assertEquals(half.getTraceId(), check.getTraceId());
      assertEquals("COMMIT_MESSAGE", check.getAttributes().get(STATE));
      SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
      assertEquals(half.getSpanId(), process.getParentSpanId());
    } finally {
      transactional.shutdown();
    }
  }

  @Test
  void aPollThatReturnsMessagesIsAReceiveSpanLinkedToEach() throws Exception {
    String topic = newTopic("pull");
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SendResult result = producer.send(message(topic, null, null, "pulled " + i));
      sent.add(result.getMsgId());
    }
    DefaultLitePullConsumer consumer = new DefaultLitePullConsumer("tracer-pull-group");
    consumer.setNamesrvAddr(EmbeddedRocketMq.get().namesrvAddress());
    consumer.setInstanceName("tracer-pull");
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.subscribe(topic, "*");
    consumer.start();
    List<String> polled = new ArrayList<>();
    Span loop = AgentServices.tracer("test").spanBuilder("poll loop").startSpan();
    try (Scope ignored = loop.makeCurrent()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (polled.size() < sent.size() && System.nanoTime() < deadline) {
        for (MessageExt message : consumer.poll(200)) {
          polled.add(message.getMsgId());
        }
      }
    } finally {
      loop.end();
      consumer.shutdown();
    }
    assertEquals(sent, polled);
    List<SpanData> receives = RocketMqClients.awaitSpans(SpanKind.CONSUMER, topic, 1);
    List<String> linked = new ArrayList<>();
    List<String> sendSpans = TestAgent.spans().stream()
        .filter(span -> span.getKind() == SpanKind.PRODUCER && topic.equals(span.getAttributes().get(RocketMqClients.DESTINATION)))
        .map(SpanData::getSpanId).collect(Collectors.toList());
    for (SpanData receive : receives) {
      assertEquals("receive " + topic, receive.getName());
      assertEquals(loop.getSpanContext().getSpanId(), receive.getParentSpanId());
      assertEquals("receive", receive.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
      assertEquals((long) receive.getLinks().size(),
          receive.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
      for (LinkData link : receive.getLinks()) {
        assertTrue(sendSpans.contains(link.getSpanContext().getSpanId()));
        linked.add(link.getAttributes().get(AttributeKey.stringKey("messaging.message.id")));
      }
    }
    assertEquals(sent, linked);
  }

  /** Leaves the local transaction open, so the broker has to ask; the answer commits. */
  private static final class OrderTransactions implements TransactionListener {
    final CompletableFuture<String> checked = new CompletableFuture<>();

    @Override
    public LocalTransactionState executeLocalTransaction(Message message, Object argument) {
      return LocalTransactionState.UNKNOW;
    }

    @Override
    public LocalTransactionState checkLocalTransaction(MessageExt message) {
      checked.complete(message.getTopic());
      return LocalTransactionState.COMMIT_MESSAGE;
    }
  }

  private static SpanData awaitInternal(String name) {
    return TestAgent.awaitSpans(span -> span.getName().equals(name), 1, Duration.ofSeconds(30)).get(0);
  }
}
