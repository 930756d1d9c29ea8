package io.tracer.demo;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/**
 * An order service in miniature: orders come from PostgreSQL, view counts from Redis, where a parcel is from the
 * shipping service at {@code SHIPPING_URL} ({@link ShippingService}, another JVM). With {@code --exercise} it calls
 * its own endpoints a few times and stops, so that the README's demo shows traces and returns; without it, it
 * serves on {@code PORT} (default 8080).
 */
public final class DemoService {

  private DemoService() {}

  public static void main(String[] args) throws Exception {
    boolean exercise = args.length > 0 && args[0].equals("--exercise");
    int port = exercise ? 0 : Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    OrderStore orders = OrderStore.open();
    Tomcat tomcat = start(port, orders, System.getenv().getOrDefault("SHIPPING_URL", "http://127.0.0.1:8081"));
    int actualPort = tomcat.getConnector().getLocalPort();
    System.out.println("LISTENING " + actualPort);
    if (!exercise) {
      tomcat.getServer().await();
      return;
    }
    String base = "http://127.0.0.1:" + actualPort;
    for (String path : new String[] {"/orders/42", "/orders/42/summary", "/orders/7?token=s3cr3t", "/checkout",
        "/report", "/health"}) {
      System.out.println("GET " + path + " -> " + call(base + path));
    }
    // the console exporter prints each trace once its root span has been exported
    TimeUnit.MILLISECONDS.sleep(1500);
    tomcat.stop();
    tomcat.destroy();
    orders.close();
    System.exit(0);
  }

  private static Tomcat start(int port, OrderStore orders, String shippingUrl) throws Exception {
    HttpClient shipping = HttpClient.newHttpClient();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tracer-demo").toString());
    tomcat.setPort(port);
    tomcat.getConnector();
    Context context = tomcat.addContext("", new File(".").getAbsolutePath());

    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = request.getPathInfo().split("/");
        boolean summary = path.length == 3 && path[2].equals("summary");
        try {
          String order = path.length == 2 || summary ? orders.describe(Integer.parseInt(path[1])) : null;
          if (order == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
          }
          response.setContentType("application/json");
          response.getWriter().write(summary
              ? "{\"order\":" + order + ",\"shipment\":" + shipment(shipping, shippingUrl, path[1]) + "}"
              : order);
        } catch (NumberFormatException e) {
          response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        } catch (SQLException e) {
          throw new IOException(e);
        }
      }
    });
    context.addServletMappingDecoded("/orders/*", "orders");

    Tomcat.addServlet(context, "checkout", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        throw new IllegalStateException("payment provider unavailable");
      }
    });
    context.addServletMappingDecoded("/checkout", "checkout");

    Wrapper report = Tomcat.addServlet(context, "report", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        CompletableFuture.runAsync(() -> {
          try {
            TimeUnit.MILLISECONDS.sleep(120);
            async.getResponse().getWriter().write("report ready");
          } catch (Exception e) {
            Thread.currentThread().interrupt();
          }
          async.complete();
        });
      }
    });
    report.setAsyncSupported(true);
    context.addServletMappingDecoded("/report", "report");

    Tomcat.addServlet(context, "health", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().write("ok");
      }
    });
    context.addServletMappingDecoded("/health", "health");

    tomcat.start();
    return tomcat;
  }

  private static String shipment(HttpClient shipping, String shippingUrl, String orderId) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(shippingUrl + "/shipments/" + orderId)).build();
    try {
      return shipping.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static int call(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }
}
