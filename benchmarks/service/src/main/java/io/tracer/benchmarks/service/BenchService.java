package io.tracer.benchmarks.service;

import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The service the overhead benchmark loads: an ordinary embedded Tomcat application with no knowledge of any
 * agent. {@code -Dbench.port} sets its port (8080).
 */
public final class BenchService {

  private BenchService() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.getInteger("bench.port", 8080);
    Backends backends = Backends.connect(port);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("bench-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    // the load generator keeps its connections for the whole run, as a client behind a pool would
    connector.setProperty("maxKeepAliveRequests", "-1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", null);
    Endpoints.register(context, backends);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        tomcat.stop();
      } catch (Exception ignored) {
        // the JVM is exiting
      }
      backends.close();
    }, "bench-shutdown"));
    tomcat.start();
    tomcat.getServer().await();
  }
}
