package io.tracer.instrumentation.rocketmq;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import io.tracer.testing.TestAgent;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * RocketMQ's own namesrv and one broker, in this JVM, on free loopback ports, with a store of a few megabytes in a
 * temporary folder. Started once for all test classes of the run (the root store closes it at the end, and the
 * folder is deleted); test classes declare {@code @ExtendWith(EmbeddedRocketMq.class)} and call {@link #get()}.
 * It also sets what the module's tests run with, so that every version's test module shares it: the
 * {@code rocketmq} configuration under test ({@code tracer-ignored-*} topics ignored, bodies captured cut to 8
 * bytes), RocketMQ's log files under {@code target/}, and rebalancing every 200 ms rather than 20 s.
 */
public final class EmbeddedRocketMq implements BeforeAllCallback, AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String BROKER_NAME = "tracer-broker";
  private static EmbeddedRocketMq running;

  private final Path folder;
  private final NamesrvController namesrv;
  private final BrokerController broker;
  private final String namesrvAddress;

  /** JUnit's instance: only the trigger for {@link #beforeAll}. */
  public EmbeddedRocketMq() {
    folder = null;
    namesrv = null;
    broker = null;
    namesrvAddress = null;
  }

  private EmbeddedRocketMq(Path folder) throws Exception {
    this.folder = folder;
    NamesrvConfig namesrvConfig = new NamesrvConfig();
    namesrvConfig.setRocketmqHome(folder.toString());
    namesrvConfig.setKvConfigPath(folder.resolve("namesrv/kvConfig.json").toString());
    namesrvConfig.setConfigStorePath(folder.resolve("namesrv/namesrv.properties").toString());
    NettyServerConfig namesrvServer = new NettyServerConfig();
    bindToLoopback(namesrvServer);
    namesrvServer.setListenPort(freePort());
    namesrv = new NamesrvController(namesrvConfig, namesrvServer);
    if (!namesrv.initialize()) {
      throw new IllegalStateException("namesrv did not initialize");
    }
    namesrv.start();
    namesrvAddress = HOST + ":" + namesrvServer.getListenPort();

    BrokerConfig brokerConfig = new BrokerConfig();
    brokerConfig.setRocketmqHome(folder.toString());
    brokerConfig.setBrokerName(BROKER_NAME);
    brokerConfig.setBrokerClusterName("tracer-cluster");
    brokerConfig.setBrokerIP1(HOST);
    brokerConfig.setBrokerIP2(HOST);
    brokerConfig.setNamesrvAddr(namesrvAddress);
    brokerConfig.setAutoCreateTopicEnable(false);
    // a half message still undecided is checked within a second, not a minute
    brokerConfig.setTransactionTimeOut(100);
    brokerConfig.setTransactionCheckInterval(200);
    NettyServerConfig brokerServer = new NettyServerConfig();
    bindToLoopback(brokerServer);
    // the broker also listens on its port - 2 (its "VIP channel")
    brokerServer.setListenPort(freePortWithVipChannel());
    MessageStoreConfig store = new MessageStoreConfig();
    store.setStorePathRootDir(folder.resolve("store").toString());
    store.setStorePathCommitLog(folder.resolve("store/commitlog").toString());
    store.setMappedFileSizeCommitLog(4 * 1024 * 1024);
    store.setMappedFileSizeConsumeQueue(20 * 10_000);
    store.setMaxHashSlotNum(1_000);
    store.setMaxIndexNum(4_000);
    store.setHaListenPort(freePort());
    // 5.x only: its timer wheel maps a large file of its own; delayed messages keep the 4.x delay levels
    callIfPresent(store, "setTimerWheelEnable", boolean.class, false);
    broker = new BrokerController(brokerConfig, brokerServer, new NettyClientConfig(), store);
    if (!broker.initialize()) {
      throw new IllegalStateException("broker did not initialize");
    }
    broker.start();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (EmbeddedRocketMq.class) {
      if (running == null) {
        // before any RocketMQ class loads, as tracer.jar would be
        System.setProperty(RocketMqSettings.IGNORED_TOPICS, "tracer-ignored-*");
        System.setProperty(RocketMqSettings.CAPTURE_BODY, "true");
        System.setProperty(RocketMqSettings.BODY_MAX_BYTES, "8");
        System.setProperty("user.home", Paths.get("target", "rocketmq-home").toAbsolutePath().toString());
        System.setProperty("rocketmq.client.rebalance.waitInterval", "200");
        TestAgent.install();
        running = new EmbeddedRocketMq(Files.createTempDirectory("tracer-rocketmq"));
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(EmbeddedRocketMq.class.getName(), running);
      }
    }
  }

  public static EmbeddedRocketMq get() {
    if (running == null) {
      throw new IllegalStateException("declare @ExtendWith(EmbeddedRocketMq.class) on the test class");
    }
    return running;
  }

  public String namesrvAddress() {
    return namesrvAddress;
  }

  public String brokerAddress() {
    return broker.getBrokerAddr();
  }

  /** Creates {@code topic} with one queue (so the order of messages is the order sent) and waits for its route. */
  public void createTopic(String topic) {
    TopicConfig config = new TopicConfig(topic, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE);
    broker.getTopicConfigManager().updateTopicConfig(config);
    broker.registerBrokerAll(false, false, true);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (namesrv.getRouteInfoManager().pickupTopicRouteData(topic) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no route for " + topic + " within 20 s");
      }
      pause();
    }
  }

  @Override
  public void close() throws IOException {
    broker.shutdown();
    namesrv.shutdown();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** 5.x only: 4.9 listens on every interface (its clients still connect to 127.0.0.1 only). */
  private static void bindToLoopback(NettyServerConfig server) {
    callIfPresent(server, "setBindAddress", String.class, HOST);
  }

  private static void callIfPresent(Object target, String setter, Class<?> type, Object value) {
    try {
      target.getClass().getMethod(setter, type).invoke(target, value);
    } catch (NoSuchMethodException absentInThisVersion) {
      // nothing to switch off
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(setter, e);
    }
  }

  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static int freePortWithVipChannel() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = freePort();
      if (port > 1026 && isFree(port - 2)) {
        return port;
      }
    }
    throw new IOException("no free port p with p - 2 free as well");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
