package example.manualspans;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat serving {@code /checkout}; prints {@code LISTENING <port>} once it accepts requests. */
public final class ManualSpansApp {

  private ManualSpansApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "checkout", new CheckoutServlet(new Checkout(new PaymentService())));
    context.addServletMappingDecoded("/checkout", "checkout");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }
}
