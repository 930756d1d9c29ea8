package io.tracer.instrumentation.rocketmqgrpc;

import io.tracer.testing.TestAgent;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * RocketMQ's namesrv, a broker and the proxy in local mode in front of it ({@link ProxyServer}), in this JVM, on
 * free loopback ports, with a store of a few megabytes in a temporary folder. The server runs in a class loader of
 * its own: it needs the {@code apache.rocketmq.v2} protocol classes built on protobuf, the client holds the same
 * classes built on its shaded protobuf. Started once for all test classes of the run (the root store closes it at
 * the end, and the folder is deleted); test classes declare {@code @ExtendWith(EmbeddedProxy.class)}. It also sets
 * the {@code rocketmq} configuration under test: {@code tracer-ignored-*} topics ignored, bodies captured cut to 8
 * bytes.
 */
public final class EmbeddedProxy implements BeforeAllCallback, AutoCloseable {

  /** By name: the class must not load here, where the protocol classes are the client's. */
  private static final String SERVER_CLASS = "io.tracer.instrumentation.rocketmqgrpc.ProxyServer";
  private static EmbeddedProxy running;

  private final Path folder;
  private final URLClassLoader serverLoader;
  private final AutoCloseable server;

  /** JUnit's instance: only the trigger for {@link #beforeAll}. */
  public EmbeddedProxy() {
    folder = null;
    serverLoader = null;
    server = null;
  }

  private EmbeddedProxy(Path folder) throws Exception {
    this.folder = folder;
    serverLoader = new URLClassLoader(serverClassPath(), ClassLoader.getPlatformClassLoader());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(serverLoader);
    try {
      server = (AutoCloseable) serverLoader.loadClass(SERVER_CLASS).getConstructor(Path.class)
          .newInstance(folder);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** What Maven resolved for the tests, less the client (see the pom), and these test classes. */
  private static URL[] serverClassPath() throws Exception {
    String listed = new String(Files.readAllBytes(Paths.get(System.getProperty("tracer.proxy.classpath"))),
        StandardCharsets.UTF_8).trim();
    List<URL> urls = new ArrayList<>();
    urls.add(Paths.get(System.getProperty("tracer.proxy.classes")).toUri().toURL());
    for (String entry : listed.split(File.pathSeparator)) {
      urls.add(Paths.get(entry).toUri().toURL());
    }
    return urls.toArray(new URL[0]);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    synchronized (EmbeddedProxy.class) {
      if (running == null) {
        // before any RocketMQ class loads, as tracer.jar would be
        System.setProperty(RocketMqGrpcSettings.IGNORED_TOPICS, "tracer-ignored-*");
        System.setProperty(RocketMqGrpcSettings.CAPTURE_BODY, "true");
        System.setProperty(RocketMqGrpcSettings.BODY_MAX_BYTES, "8");
        System.setProperty("user.home", Paths.get("target", "rocketmq-home").toAbsolutePath().toString());
        TestAgent.install();
        running = new EmbeddedProxy(Files.createTempDirectory("tracer-rocketmq-grpc"));
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(EmbeddedProxy.class.getName(), running);
      }
    }
  }

  public static EmbeddedProxy get() {
    if (running == null) {
      throw new IllegalStateException("declare @ExtendWith(EmbeddedProxy.class) on the test class");
    }
    return running;
  }

  /** The proxy's gRPC address, as a client's endpoints. */
  public String endpoints() {
    try {
      return (String) server.getClass().getMethod("endpoints").invoke(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates {@code topic} with one queue and waits for its route. */
  public void createTopic(String topic) {
    try {
      server.getClass().getMethod("createTopic", String.class).invoke(server, topic);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the consumer group {@code group}. */
  public void createGroup(String group) {
    try {
      server.getClass().getMethod("createGroup", String.class).invoke(server, group);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
      serverLoader.close();
    } finally {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
