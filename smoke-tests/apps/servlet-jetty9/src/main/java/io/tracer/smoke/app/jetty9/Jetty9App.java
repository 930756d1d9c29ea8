package io.tracer.smoke.app.jetty9;

import io.tracer.smoke.app.javax.ContractEndpoints;
import java.util.EnumSet;
import java.util.Map;
import javax.servlet.DispatcherType;
import javax.servlet.Servlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * Embedded Jetty 9.4 (javax.servlet 3.1) serving the servlet contract on {@code PORT} (0: any free port) of
 * 127.0.0.1. Prints {@code LISTENING <port>} once it accepts requests: the smoke-test harness waits for that
 * line.
 */
public final class Jetty9App {

  private Jetty9App() {}

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    for (Map.Entry<String, Servlet> endpoint : ContractEndpoints.servletsByMapping().entrySet()) {
      ServletHolder holder = new ServletHolder(endpoint.getKey(), endpoint.getValue());
      holder.setAsyncSupported(true);
      context.addServlet(holder, endpoint.getKey());
    }
    FilterHolder filter = new FilterHolder(ContractEndpoints.passThroughFilter());
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    System.out.println("LISTENING " + connector.getLocalPort());
    server.join();
  }
}
