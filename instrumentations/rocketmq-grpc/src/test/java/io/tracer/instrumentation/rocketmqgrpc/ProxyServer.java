package io.tracer.instrumentation.rocketmqgrpc;

import io.grpc.BindableService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.proxy.config.Configuration;
import org.apache.rocketmq.proxy.config.ConfigurationManager;
import org.apache.rocketmq.proxy.grpc.GrpcServer;
import org.apache.rocketmq.proxy.grpc.GrpcServerBuilder;
import org.apache.rocketmq.proxy.grpc.v2.GrpcMessagingApplication;
import org.apache.rocketmq.proxy.processor.DefaultMessagingProcessor;
import org.apache.rocketmq.proxy.processor.MessagingProcessor;
import org.apache.rocketmq.proxy.service.cert.TlsCertificateManager;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.protocol.subscription.SubscriptionGroupConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * The server side, as {@code ProxyStartup} assembles it in local mode but without its command line, its
 * {@code System.exit} and its gRPC reflection services: a namesrv, a broker, and the proxy's gRPC server in front
 * of that broker. Loaded by {@link EmbeddedProxy}'s own class loader, so only JDK types cross to the tests.
 */
public final class ProxyServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";

  private final NamesrvController namesrv;
  private final BrokerController broker;
  private final MessagingProcessor processor;
  private final GrpcMessagingApplication application;
  private final GrpcServer grpcServer;
  private final ThreadPoolExecutor grpcExecutor;
  private final String endpoints;

  public ProxyServer(Path folder) throws Exception {
    NamesrvConfig namesrvConfig = new NamesrvConfig();
    namesrvConfig.setRocketmqHome(folder.toString());
    namesrvConfig.setKvConfigPath(folder.resolve("namesrv/kvConfig.json").toString());
    namesrvConfig.setConfigStorePath(folder.resolve("namesrv/namesrv.properties").toString());
    NettyServerConfig namesrvServer = new NettyServerConfig();
    namesrvServer.setBindAddress(HOST);
    namesrvServer.setListenPort(freePort());
    namesrv = new NamesrvController(namesrvConfig, namesrvServer);
    if (!namesrv.initialize()) {
      throw new IllegalStateException("namesrv did not initialize");
    }
    namesrv.start();
    String namesrvAddress = HOST + ":" + namesrvServer.getListenPort();

    int grpcPort = freePort();
    Path proxyConfig = folder.resolve("rmq-proxy.json");
    Files.write(proxyConfig, ("{\"proxyMode\": \"local\", \"rocketMQClusterName\": \"tracer-cluster\","
        + " \"namesrvAddr\": \"" + namesrvAddress + "\", \"grpcServerPort\": " + grpcPort + ","
        + " \"remotingListenPort\": " + freePort() + ", \"localServeAddr\": \"" + HOST + "\","
        + " \"enableTopicMessageTypeCheck\": false}").getBytes(StandardCharsets.UTF_8));
    System.setProperty(Configuration.CONFIG_PATH_PROPERTY, proxyConfig.toString());
    System.setProperty(ConfigurationManager.RMQ_PROXY_HOME, folder.toString());
    ConfigurationManager.initEnv();
    ConfigurationManager.initConfig();

    BrokerConfig brokerConfig = new BrokerConfig();
    brokerConfig.setRocketmqHome(folder.toString());
    brokerConfig.setBrokerName("tracer-broker");
    brokerConfig.setBrokerClusterName("tracer-cluster");
    brokerConfig.setBrokerIP1(HOST);
    brokerConfig.setBrokerIP2(HOST);
    brokerConfig.setNamesrvAddr(namesrvAddress);
    brokerConfig.setAutoCreateTopicEnable(false);
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
    // receives through the proxy are pops, which need the timer wheel: an hour of delay, files of a few megabytes
    store.setTimerWheelEnable(true);
    store.setTimerMaxDelaySec(3_600);
    store.setMappedFileSizeTimerLog(4 * 1024 * 1024);
    broker = new BrokerController(brokerConfig, brokerServer, new NettyClientConfig(), store);
    if (!broker.initialize()) {
      throw new IllegalStateException("broker did not initialize");
    }
    broker.start();

    processor = DefaultMessagingProcessor.createForLocalMode(broker);
    processor.start();
    application = GrpcMessagingApplication.create(processor);
    application.start();
    grpcExecutor = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES,
        new java.util.concurrent.LinkedBlockingQueue<>(1_000));
    grpcServer = GrpcServerBuilder.newBuilder(grpcExecutor, grpcPort, new TlsCertificateManager())
        // compiled against the client's copy of the protocol classes, which come first on the compile class path
        .addService((BindableService) (Object) application)
        .configInterceptor()
        .shutdownTime(1, TimeUnit.SECONDS)
        .build();
    grpcServer.start();
    endpoints = HOST + ":" + grpcPort;
  }

  /** {@code host:port} of the proxy's gRPC server, as a client's endpoints. */
  public String endpoints() {
    return endpoints;
  }

  /** Creates {@code topic} with one queue (so the order of messages is the order sent) and waits for its route. */
  public void createTopic(String topic) throws InterruptedException {
    TopicConfig config = new TopicConfig(topic, 1, 1, PermName.PERM_READ | PermName.PERM_WRITE);
    broker.getTopicConfigManager().updateTopicConfig(config);
    broker.registerBrokerAll(false, false, true);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (namesrv.getRouteInfoManager().pickupTopicRouteData(topic) == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no route for " + topic + " within 20 s");
      }
      Thread.sleep(20);
    }
  }

  /** Creates the subscription group {@code group}: the proxy refuses consumers of groups it does not know. */
  public void createGroup(String group) {
    SubscriptionGroupConfig config = new SubscriptionGroupConfig();
    config.setGroupName(group);
    broker.getSubscriptionGroupManager().updateSubscriptionGroupConfig(config);
  }

  @Override
  public void close() throws Exception {
    grpcServer.shutdown();
    grpcExecutor.shutdown();
    application.shutdown();
    processor.shutdown();
    broker.shutdown();
    namesrv.shutdown();
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
