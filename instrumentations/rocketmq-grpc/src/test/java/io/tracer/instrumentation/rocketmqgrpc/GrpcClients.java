package io.tracer.instrumentation.rocketmqgrpc;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.apis.ClientConfiguration;
import org.apache.rocketmq.client.apis.ClientServiceProvider;
import org.apache.rocketmq.client.apis.consumer.FilterExpression;
import org.apache.rocketmq.client.apis.consumer.MessageListener;
import org.apache.rocketmq.client.apis.consumer.PushConsumer;
import org.apache.rocketmq.client.apis.consumer.SimpleConsumer;
import org.apache.rocketmq.client.apis.message.Message;
import org.apache.rocketmq.client.apis.message.MessageBuilder;
import org.apache.rocketmq.client.apis.producer.Producer;
import org.apache.rocketmq.client.apis.producer.TransactionResolution;

/** Producers, consumers and span look-ups shared by the tests; each test uses topics and groups of its own. */
final class GrpcClients implements AutoCloseable {

  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final ClientServiceProvider PROVIDER = ClientServiceProvider.loadService();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final List<AutoCloseable> clients = new ArrayList<>();

  /** A topic of its own for one test, created on the broker and routable. */
  static String newTopic(String purpose) {
    String topic = "tracer-grpc-" + purpose + "-" + NAMES.incrementAndGet();
    EmbeddedProxy.get().createTopic(topic);
    return topic;
  }

  /** A consumer group of its own for one consumer, created on the broker. */
  static String newGroup() {
    String group = "tracer-grpc-group-" + NAMES.incrementAndGet();
    EmbeddedProxy.get().createGroup(group);
    return group;
  }

  static ClientConfiguration configuration() {
    // the first requests of a cold proxy, on a busy machine, take longer than the default 3 s
    return ClientConfiguration.newBuilder().setEndpoints(EmbeddedProxy.get().endpoints())
        .setRequestTimeout(Duration.ofSeconds(15)).build();
  }

  Producer producer(String... topics) throws Exception {
    Producer producer = PROVIDER.newProducerBuilder().setClientConfiguration(configuration()).setTopics(topics)
        .build();
    clients.add(producer);
    return producer;
  }

  /** A producer of transactional messages whose checker commits whatever the broker asks about. */
  Producer transactionalProducer(String topic) throws Exception {
    Producer producer = PROVIDER.newProducerBuilder().setClientConfiguration(configuration()).setTopics(topic)
        .setTransactionChecker(view -> TransactionResolution.COMMIT)
        .build();
    clients.add(producer);
    return producer;
  }

  PushConsumer pushConsumer(String topic, MessageListener listener) throws Exception {
    PushConsumer consumer = PROVIDER.newPushConsumerBuilder().setClientConfiguration(configuration())
        .setConsumerGroup(newGroup())
        .setSubscriptionExpressions(Collections.singletonMap(topic, FilterExpression.SUB_ALL))
        .setMessageListener(listener)
        .build();
    clients.add(consumer);
    return consumer;
  }

  SimpleConsumer simpleConsumer(String topic) throws Exception {
    SimpleConsumer consumer = PROVIDER.newSimpleConsumerBuilder().setClientConfiguration(configuration())
        .setConsumerGroup(newGroup())
        .setSubscriptionExpressions(Collections.singletonMap(topic, FilterExpression.SUB_ALL))
        .setAwaitDuration(Duration.ofSeconds(1))
        .build();
    clients.add(consumer);
    return consumer;
  }

  static Message message(String topic, String tag, String body, String... keys) {
    MessageBuilder builder = PROVIDER.newMessageBuilder().setTopic(topic)
        .setBody(body.getBytes(StandardCharsets.UTF_8));
    if (tag != null) {
      builder.setTag(tag);
    }
    if (keys.length > 0) {
      builder.setKeys(keys);
    }
    return builder.build();
  }

  static List<SpanData> awaitSpans(SpanKind kind, String topic, int count) {
    return TestAgent.awaitSpans(span -> span.getKind() == kind && topic.equals(span.getAttributes().get(DESTINATION)),
        count, Duration.ofSeconds(30));
  }

  static SpanData awaitSpan(SpanKind kind, String topic) {
    return awaitSpans(kind, topic, 1).get(0);
  }

  /** Side by side: a consumer takes a while to leave its group. */
  @Override
  public void close() throws Exception {
    List<Thread> closing = new ArrayList<>();
    for (AutoCloseable client : clients) {
      Thread thread = new Thread(() -> {
        try {
          client.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "tracer-test-close");
      thread.start();
      closing.add(thread);
    }
    for (Thread thread : closing) {
      thread.join();
    }
  }
}
