package io.tracer.smoke.app.rocketmq;

import java.util.Arrays;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;

/**
 * RocketMQ in the role {@code ROLE} names; each prints {@code LISTENING <port>} once ready, which the smoke-test
 * harness waits for.
 * <ul>
 *   <li>{@code broker}: RocketMQ's namesrv and one broker with the topics {@code TOPICS} (comma-separated);
 *   the port printed is the namesrv's.</li>
 *   <li>{@code producer}: embedded Tomcat on {@code PORT} (0: any free port) whose {@code /send},
 *   {@code /send-async} and {@code /send-batch} send to the namesrv {@code NAMESRV_ADDR}.</li>
 *   <li>{@code consumer}: a push consumer of the group {@code CONSUMER_GROUP} on the topics {@code TOPICS}, from
 *   their first message, handed up to {@code CONSUME_BATCH_MAX_SIZE} messages per call; it queries PostgreSQL
 *   ({@code JDBC_URL}, {@code JDBC_USER}) for each. It serves nothing and prints 0.</li>
 * </ul>
 */
public final class RocketMqApp {

  private static final String PRODUCER_GROUP = "tracer-smoke-producer";

  private RocketMqApp() {}

  public static void main(String[] args) throws Exception {
    String role = System.getenv().getOrDefault("ROLE", "");
    switch (role) {
      case "broker" -> runBroker();
      case "producer" -> runProducer();
      case "consumer" -> runConsumer();
      default -> throw new IllegalArgumentException("ROLE must be broker, producer or consumer, not '" + role + "'");
    }
  }

  private static void runBroker() throws Exception {
    EmbeddedBroker broker;
    try {
      broker = EmbeddedBroker.start(topics());
    } catch (Exception e) {
      // at once, rather than kept alive by the servers' threads until the harness gives up waiting
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    System.out.println("LISTENING " + broker.namesrvPort());
    Thread.currentThread().join();
  }

  private static void runProducer() throws Exception {
    DefaultMQProducer producer = new DefaultMQProducer(PRODUCER_GROUP);
    producer.setNamesrvAddr(System.getenv("NAMESRV_ADDR"));
    producer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(producer::shutdown));

    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "send", new SendServlet(producer));
    context.addServletMappingDecoded("/send", "send");
    context.addServletMappingDecoded("/send-async", "send");
    context.addServletMappingDecoded("/send-batch", "send");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  private static void runConsumer() throws Exception {
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(System.getenv("CONSUMER_GROUP"));
    consumer.setNamesrvAddr(System.getenv("NAMESRV_ADDR"));
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    // a heartbeat that start-up skips (it races the first route look-up) is otherwise sent again after 30 s,
    // and the group has no member to give the queues to until then
    consumer.setHeartbeatBrokerInterval(200);
    consumer.setPollNameServerInterval(200);
    int batchSize = Integer.parseInt(System.getenv().getOrDefault("CONSUME_BATCH_MAX_SIZE", "1"));
    consumer.setConsumeMessageBatchMaxSize(batchSize);
    for (String topic : topics()) {
      consumer.subscribe(topic, "*");
    }
    consumer.registerMessageListener(new QueryingListener(System.getenv("JDBC_URL"), System.getenv("JDBC_USER")));
    consumer.start();
    Runtime.getRuntime().addShutdownHook(new Thread(consumer::shutdown));
    System.out.println("LISTENING 0");
    Thread.currentThread().join();
  }

  private static List<String> topics() {
    return Arrays.asList(System.getenv("TOPICS").split(","));
  }
}
