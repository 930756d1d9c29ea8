package example.otelapi;

import jakarta.servlet.Servlet;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat serving {@code /work}, which uses the OpenTelemetry API itself, and {@code /hello}, which it
 * calls; {@code /leak}, which starts a span and never ends it, and {@code /gc}; prints {@code LISTENING <port>} once
 * it accepts requests. It registers no SDK of its own.
 */
public final class OtelApiApp {

  private OtelApiApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    addServlet(context, "work", new WorkServlet(new Inventory()), "/work");
    addServlet(context, "hello", new HelloServlet(), "/hello");
    addServlet(context, "leak", new LeakServlet(), "/leak");
    addServlet(context, "gc", new GcServlet(), "/gc");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  private static void addServlet(Context context, String name, Servlet servlet, String mapping) {
    Tomcat.addServlet(context, name, servlet);
    context.addServletMappingDecoded(mapping, name);
  }
}
