package io.tracer.instrumentation.rocketmq;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.MessageListener;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;

/** Producers, consumers and span look-ups shared by the tests; each test uses topics and groups of its own. */
final class RocketMqClients implements AutoCloseable {

  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final List<Runnable> shutdowns = new ArrayList<>();

  /** A topic of its own for one test, created on the broker and routable. */
  static String newTopic(String purpose) {
    String topic = "tracer-" + purpose + "-" + NAMES.incrementAndGet();
    EmbeddedRocketMq.get().createTopic(topic);
    return topic;
  }

  DefaultMQProducer producer(String namespace) throws Exception {
    DefaultMQProducer producer = namespace == null
        ? new DefaultMQProducer("tracer-producer-" + NAMES.incrementAndGet())
        : new DefaultMQProducer(namespace, "tracer-producer-" + NAMES.incrementAndGet());
    producer.setNamesrvAddr(EmbeddedRocketMq.get().namesrvAddress());
    producer.setInstanceName("tracer-producer-" + NAMES.get());
    producer.start();
    shutdowns.add(producer::shutdown);
    return producer;
  }

  /** A push consumer of {@code topic} from its first message, started. */
  DefaultMQPushConsumer consumer(String topic, int batchSize, MessageListener listener) throws Exception {
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("tracer-group-" + NAMES.incrementAndGet());
    consumer.setNamesrvAddr(EmbeddedRocketMq.get().namesrvAddress());
    consumer.setInstanceName("tracer-consumer-" + NAMES.get());
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    // a heartbeat the start-up skips (it races the first rebalance) or a retry topic's new route is otherwise
    // waited for 30 s; rebalancing itself is hastened by rocketmq.client.rebalance.waitInterval in the pom
    consumer.setHeartbeatBrokerInterval(200);
    consumer.setPollNameServerInterval(200);
    consumer.setConsumeMessageBatchMaxSize(batchSize);
    consumer.subscribe(topic, "*");
    if (listener instanceof MessageListenerOrderly) {
      consumer.registerMessageListener((MessageListenerOrderly) listener);
    } else {
      consumer.registerMessageListener((MessageListenerConcurrently) listener);
    }
    consumer.start();
    shutdowns.add(consumer::shutdown);
    return consumer;
  }

  static Message message(String topic, String tag, String keys, String body) {
    Message message = new Message(topic, tag, body.getBytes(StandardCharsets.UTF_8));
    if (keys != null) {
      message.setKeys(keys);
    }
    return message;
  }

  static List<SpanData> awaitSpans(SpanKind kind, String topic, int count) {
    return TestAgent.awaitSpans(span -> span.getKind() == kind && topic.equals(span.getAttributes().get(DESTINATION)),
        count, Duration.ofSeconds(30));
  }

  static SpanData awaitSpan(SpanKind kind, String topic) {
    return awaitSpans(kind, topic, 1).get(0);
  }

  /** Side by side: a push consumer takes a second or more to leave its group. */
  @Override
  public void close() {
    List<Thread> running = new ArrayList<>();
    for (Runnable shutdown : shutdowns) {
      Thread thread = new Thread(shutdown, "tracer-test-shutdown");
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
