package io.tracer.smoke.app.logging;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Tomcat 10.1 on {@code PORT} (0: any free port) whose {@code /orders} handler logs an INFO and an ERROR
 * line (with an exception) through SLF4J and Logback; the pattern in {@code logback.xml} prints the MDC's trace
 * ids to stdout. Prints {@code LISTENING <port>} once it accepts requests.
 */
public final class LoggingApp {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingApp.class);

  private LoggingApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector();
    Context context = tomcat.addContext("", new File(".").getAbsolutePath());
    Tomcat.addServlet(context, "orders", new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String order = request.getParameter("order");
        LOG.info("order {} placed", order);
        LOG.error("order {} not shipped", order, new IllegalStateException("no courier"));
        response.getWriter().write("placed " + order);
      }
    });
    context.addServletMappingDecoded("/orders", "orders");
    tomcat.start();
    LOG.info("started");
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }
}
