package io.tracer.smoke.app.undertow;

import io.tracer.smoke.app.jakarta.ContractEndpoints;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Embedded Undertow 2.3 (jakarta.servlet 6.0) serving the servlet contract on {@code PORT} (0: any free port) of
 * 127.0.0.1. Prints {@code LISTENING <port>} once it accepts requests: the smoke-test harness waits for that line.
 */
public final class UndertowApp {

  private UndertowApp() {}

  public static void main(String[] args) throws Exception {
    DeploymentInfo deployment = Servlets.deployment()
        .setClassLoader(UndertowApp.class.getClassLoader())
        .setContextPath("/")
        .setDeploymentName("servlet-contract");
    for (Map.Entry<String, Servlet> endpoint : ContractEndpoints.servletsByMapping().entrySet()) {
      Servlet servlet = endpoint.getValue();
      deployment.addServlet(Servlets.servlet(endpoint.getKey(), servlet.getClass(),
              new ImmediateInstanceFactory<>(servlet))
          .addMapping(endpoint.getKey())
          .setAsyncSupported(true));
    }
    Filter filter = ContractEndpoints.passThroughFilter();
    deployment.addFilter(Servlets.filter("passThrough", filter.getClass(), new ImmediateInstanceFactory<>(filter))
        .setAsyncSupported(true));
    deployment.addFilterUrlMapping("passThrough", "/*", DispatcherType.REQUEST);
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
    manager.deploy();
    Undertow server = Undertow.builder()
        .addHttpListener(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")), "127.0.0.1")
        .setHandler(manager.start())
        .build();
    server.start();
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    System.out.println("LISTENING " + address.getPort());
  }
}
