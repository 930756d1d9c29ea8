package io.tracer.smoke.app.rocketmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * RocketMQ's namesrv and one broker in this JVM, on free loopback ports, with a store of a few megabytes in a
 * fresh temporary folder (deleted on close, so every run starts empty). Each topic has one queue, so that a
 * consumer is handed the messages in the order they were sent. Public for the all-paths app, which runs them beside
 * its own clients.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(20);

  private final Path folder;
  private final NamesrvController namesrv;
  private final BrokerController broker;
  private final int namesrvPort;

  private EmbeddedBroker(Path folder) throws Exception {
    this.folder = folder;
    // as RocketMQ's own start-up classes do: without it requests carry no version, and the namesrv reads the
    // broker's registration in the format of brokers older than 3.0.11, finding no topics in it
    System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
    NamesrvConfig namesrvConfig = new NamesrvConfig();
    namesrvConfig.setRocketmqHome(folder.toString());
    namesrvConfig.setKvConfigPath(folder.resolve("namesrv/kvConfig.json").toString());
    namesrvConfig.setConfigStorePath(folder.resolve("namesrv/namesrv.properties").toString());
    // small pools, as for the broker's below: each pool makes one thread per task up to its size, and at the
    // clients' heartbeats' pace the default sizes (16 here, 32 below) take a minute and more to be reached, a thread
    // count that grows for the soak test to find
    namesrvConfig.setDefaultThreadPoolNums(4);
    NettyServerConfig namesrvServer = new NettyServerConfig();
    namesrvServer.setBindAddress(HOST);
    namesrvPort = freePort();
    namesrvServer.setListenPort(namesrvPort);
    namesrv = new NamesrvController(namesrvConfig, namesrvServer);
    if (!namesrv.initialize()) {
      throw new IllegalStateException("namesrv did not initialize");
    }
    namesrv.start();

    BrokerConfig brokerConfig = new BrokerConfig();
    brokerConfig.setRocketmqHome(folder.toString());
    brokerConfig.setBrokerName("tracer-smoke-broker");
    brokerConfig.setBrokerClusterName("tracer-smoke-cluster");
    brokerConfig.setBrokerIP1(HOST);
    brokerConfig.setBrokerIP2(HOST);
    brokerConfig.setNamesrvAddr(HOST + ":" + namesrvPort);
    brokerConfig.setAutoCreateTopicEnable(false);
    brokerConfig.setConsumerManageThreadPoolNums(4);
    NettyServerConfig brokerServer = new NettyServerConfig();
    brokerServer.setBindAddress(HOST);
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
    // its timer wheel would map a large file of its own; this broker serves no delayed messages
    store.setTimerWheelEnable(false);
    broker = new BrokerController(brokerConfig, brokerServer, new NettyClientConfig(), store);
    if (!broker.initialize()) {
      throw new IllegalStateException("broker did not initialize");
    }
    broker.start();
  }

  /** Starts both servers and returns once every topic of {@code topics} is routable. */
  public static EmbeddedBroker start(List<String> topics) throws Exception {
    EmbeddedBroker broker = new EmbeddedBroker(Files.createTempDirectory("tracer-smoke-rocketmq"));
    try {
      broker.createTopics(topics);
    } catch (InterruptedException | RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  public int namesrvPort() {
    return namesrvPort;
  }

  private void createTopics(List<String> topics) throws InterruptedException {
    // the broker's own registration at start-up is still on its way, and would overwrite one made before it
    awaitRoute(broker.getBrokerConfig().getBrokerName());
    for (String topic : topics) {
      broker.getTopicConfigManager().updateTopicConfig(
          new TopicConfig(topic, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE));
    }
    broker.registerBrokerAll(false, false, true);
    for (String topic : topics) {
      awaitRoute(topic);
    }
  }

  private void awaitRoute(String topic) throws InterruptedException {
    long deadline = System.nanoTime() + ROUTE_TIMEOUT.toNanos();
    while (namesrv.getRouteInfoManager().pickupTopicRouteData(topic) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no route for " + topic + " within " + ROUTE_TIMEOUT);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    broker.shutdown();
    namesrv.shutdown();
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
