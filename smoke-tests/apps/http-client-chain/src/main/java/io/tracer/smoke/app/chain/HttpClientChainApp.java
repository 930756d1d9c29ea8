package io.tracer.smoke.app.chain;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat serving {@code /back}, {@code /front} and {@code /relay/*} on {@code PORT} (0: any free port);
 * {@code /front} calls {@code DOWNSTREAM_URL/back}, {@code /relay/<port>/<path>} calls
 * {@code 127.0.0.1:<port>/<path>}. Prints {@code LISTENING <port>} once it accepts requests.
 */
public final class HttpClientChainApp {

  private HttpClientChainApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "back", new BackServlet());
    context.addServletMappingDecoded("/back", "back");
    Tomcat.addServlet(context, "front", new FrontServlet(System.getenv().getOrDefault("DOWNSTREAM_URL", "")));
    context.addServletMappingDecoded("/front", "front");
    Tomcat.addServlet(context, "relay", new RelayServlet());
    context.addServletMappingDecoded("/relay/*", "relay");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }
}
