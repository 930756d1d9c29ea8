package io.tracer.instrumentation.rocketmqgrpc;

import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.awaitSpan;
import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.awaitSpans;
import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.message;
import static io.tracer.instrumentation.rocketmqgrpc.GrpcClients.newTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.apis.ClientException;
import org.apache.rocketmq.client.apis.consumer.ConsumeResult;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.MessageBuilder;
import org.apache.rocketmq.client.apis.message.MessageView;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.SendReceipt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Push consumers' listeners and simple consumers' receives, fed by a producer through the in-process proxy. */
@ExtendWith(EmbeddedProxy.class)
class RocketMqGrpcConsumerTest {

  private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> CONSUMER_GROUP = AttributeKey.stringKey("messaging.consumer.group.name");

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
  void aMessageIsProcessedAsChildOfItsSendAndInsideTheListener() throws Exception {
    String topic = newTopic("process");
    List<String> currentInListener = Collections.synchronizedList(new ArrayList<>());
    List<Map<String, String>> receivedProperties = Collections.synchronizedList(new ArrayList<>());
    clients.pushConsumer(topic, view -> {
      currentInListener.add(Span.current().getSpanContext().getSpanId());
      receivedProperties.add(view.getProperties());
      AgentServices.tracer("test").spanBuilder("inside listener").startSpan().end();
      return ConsumeResult.SUCCESS;
    });
    SendReceipt receipt = producer.send(message(topic, "tagB", "process me", "key-1"));

    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals("process " + topic, process.getName());
    assertEquals(send.getTraceId(), process.getTraceId());
    assertEquals(send.getSpanId(), process.getParentSpanId());
    assertEquals("process", process.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
    assertEquals("rocketmq", process.getAttributes().get(AttributeKey.stringKey("messaging.system")));
    assertEquals(receipt.getMessageId().toString(), process.getAttributes().get(MESSAGE_ID));
    assertTrue(process.getAttributes().get(CONSUMER_GROUP).startsWith("tracer-grpc-group-"));
    assertEquals("tagB", process.getAttributes().get(AttributeKey.stringKey("rocketmq.message.tag")));
    assertEquals(Collections.singletonList("key-1"),
        process.getAttributes().get(AttributeKey.stringArrayKey("rocketmq.message.keys")));
    assertEquals(0L, process.getAttributes().get(AttributeKey.longKey("rocketmq.message.reconsume_times")));
    assertEquals(StatusCode.UNSET, process.getStatus().getStatusCode());

    SpanData inner = TestAgent.awaitSpans(span -> span.getName().equals("inside listener")
        && span.getTraceId().equals(send.getTraceId()), 1, Duration.ofSeconds(10)).get(0);
    assertEquals(process.getSpanId(), inner.getParentSpanId());
    assertEquals(Collections.singletonList(process.getSpanId()), currentInListener);
    // what travelled is the send's context, in the properties of the message as sent
    assertTrue(receivedProperties.get(0).get("traceparent").contains(send.getSpanId()));
  }

  @Test
  void aListenerAnsweringFailureIsAnErrorAndTheRedeliveryIsAnotherChildOfTheSend() throws Exception {
    String topic = newTopic("failure");
    AtomicInteger calls = new AtomicInteger();
    clients.pushConsumer(topic, view -> calls.incrementAndGet() == 1 ? ConsumeResult.FAILURE : ConsumeResult.SUCCESS);
    producer.send(message(topic, null, "try again"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    List<SpanData> attempts = awaitSpans(SpanKind.CONSUMER, topic, 2);
    assertEquals(StatusCode.ERROR, attempts.get(0).getStatus().getStatusCode());
    assertEquals("FAILURE", attempts.get(0).getAttributes().get(ERROR_TYPE));
    assertEquals(StatusCode.UNSET, attempts.get(1).getStatus().getStatusCode());
    assertEquals(1L, attempts.get(1).getAttributes().get(AttributeKey.longKey("rocketmq.message.reconsume_times")));
    for (SpanData attempt : attempts) {
      assertEquals(send.getSpanId(), attempt.getParentSpanId());
    }
  }

  @Test
  void anExceptionOfTheListenerIsRecorded() throws Exception {
    String topic = newTopic("throwing");
    AtomicInteger calls = new AtomicInteger();
    clients.pushConsumer(topic, view -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("cannot process");
      }
      return ConsumeResult.SUCCESS;
    });
    producer.send(message(topic, null, "boom"));
    SpanData process = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals(StatusCode.ERROR, process.getStatus().getStatusCode());
    assertEquals(IllegalStateException.class.getName(), process.getAttributes().get(ERROR_TYPE));
    assertEquals("exception", process.getEvents().get(0).getName());
  }

  @Test
  void aMessageBuiltFromAReceivedOneCarriesTheNewSendNotTheOldContext() throws Exception {
    String first = newTopic("relay-in");
    String second = newTopic("relay-out");
    clients.pushConsumer(first, view -> {
      MessageBuilder relayed = GrpcClients.PROVIDER.newMessageBuilder().setTopic(second).setBody(new byte[] {1});
      view.getProperties().forEach(relayed::addProperty);
      try {
        producer.send(relayed.build());
      } catch (ClientException e) {
        throw new IllegalStateException(e);
      }
      return ConsumeResult.SUCCESS;
    });
    clients.pushConsumer(second, view -> ConsumeResult.SUCCESS);
    producer.send(message(first, null, "relay"));
    SpanData processedFirst = awaitSpan(SpanKind.CONSUMER, first);
    SpanData relayedSend = awaitSpan(SpanKind.PRODUCER, second);
    SpanData processedSecond = awaitSpan(SpanKind.CONSUMER, second);
    assertEquals(processedFirst.getSpanId(), relayedSend.getParentSpanId());
    assertEquals(relayedSend.getSpanId(), processedSecond.getParentSpanId());
  }

  @Test
  void anAsynchronousReceiveIsSpannedWhenItsFutureCompletes() throws Exception {
    String topic = newTopic("receive-async");
    SimpleConsumer consumer = clients.simpleConsumer(topic);
    SendReceipt receipt = producer.send(message(topic, null, "async"));
    SpanData send = awaitSpan(SpanKind.PRODUCER, topic);
    List<MessageView> received = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (received.isEmpty() && System.nanoTime() < deadline) {
      received.addAll(consumer.receiveAsync(10, Duration.ofSeconds(30)).get(30, TimeUnit.SECONDS));
    }
    consumer.ack(received.get(0));
    SpanData receive = awaitSpan(SpanKind.CONSUMER, topic);
    assertEquals("receive " + topic, receive.getName());
    assertEquals(1, receive.getLinks().size());
    assertEquals(send.getSpanContext().getSpanId(), receive.getLinks().get(0).getSpanContext().getSpanId());
    assertEquals(receipt.getMessageId().toString(), receive.getLinks().get(0).getAttributes().get(MESSAGE_ID));
  }

  @Test
  void aReceiveLinksToEachMessagesSendWithItsId() throws Exception {
    String topic = newTopic("receive");
    SimpleConsumer consumer = clients.simpleConsumer(topic);
    Map<String, String> sendSpanOfMessage = new HashMap<>();
    for (String body : Arrays.asList("first", "second")) {
      Span request = AgentServices.tracer("test").spanBuilder("request " + body).startSpan();
      try (Scope ignored = request.makeCurrent()) {
        sendSpanOfMessage.put(producer.send(message(topic, null, body)).getMessageId().toString(), null);
      } finally {
        request.end();
      }
    }
    List<SpanData> sends = awaitSpans(SpanKind.PRODUCER, topic, 2);
    for (SpanData send : sends) {
      sendSpanOfMessage.put(send.getAttributes().get(MESSAGE_ID), send.getSpanId());
    }
    assertNotEquals(sends.get(0).getTraceId(), sends.get(1).getTraceId());

    Span poller = AgentServices.tracer("test").spanBuilder("poller").startSpan();
    List<MessageView> received = new ArrayList<>();
    try (Scope ignored = poller.makeCurrent()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < 2 && System.nanoTime() < deadline) {
        for (MessageView view : consumer.receive(10, Duration.ofSeconds(30))) {
          received.add(view);
          consumer.ack(view);
        }
      }
    } finally {
      poller.end();
    }
    assertEquals(2, received.size());

    List<SpanData> receives = awaitSpans(SpanKind.CONSUMER, topic, 1);
    Map<String, String> linked = new HashMap<>();
    for (SpanData receive : receives) {
      assertEquals("receive " + topic, receive.getName());
      assertEquals("receive", receive.getAttributes().get(AttributeKey.stringKey("messaging.operation.type")));
      assertEquals(poller.getSpanContext().getSpanId(), receive.getParentSpanId());
      assertEquals(consumer.getConsumerGroup(), receive.getAttributes().get(CONSUMER_GROUP));
      assertEquals((long) receive.getLinks().size(),
          receive.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")));
      for (LinkData link : receive.getLinks()) {
        linked.put(link.getAttributes().get(MESSAGE_ID), link.getSpanContext().getSpanId());
      }
    }
    assertEquals(sendSpanOfMessage, linked);
    assertEquals(received.stream().map(view -> view.getMessageId().toString()).collect(Collectors.toSet()),
        linked.keySet());
  }
}
