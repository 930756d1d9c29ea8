package io.tracer.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * The second service of the demo, in a JVM of its own: {@code /shipments/<order>} answers where an order's parcel
 * is, from Redis. Serves on {@code PORT} (0, the default: any free port) and prints {@code LISTENING <port>}, which
 * {@code demo.sh} reads to tell the order service where to call; it runs until it is stopped.
 */
public final class ShippingService {

  private ShippingService() {}

  public static void main(String[] args) throws Exception {
    JedisPool redis = DemoRedis.pool();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tracer-demo-shipping").toString());
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", new File(".").getAbsolutePath());
    Tomcat.addServlet(context, "shipments", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String order = request.getPathInfo().substring(1);
        String where;
        try (Jedis jedis = redis.getResource()) {
          where = jedis.get("demo:shipment:" + order);
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"order\":" + order + ",\"parcel\":\""
            + (where == null ? "in transit" : where) + "\"}");
      }
    });
    context.addServletMappingDecoded("/shipments/*", "shipments");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }
}
