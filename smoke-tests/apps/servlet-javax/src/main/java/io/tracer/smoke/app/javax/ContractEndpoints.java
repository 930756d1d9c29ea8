package io.tracer.smoke.app.javax;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.Filter;
import javax.servlet.Servlet;

/**
 * The endpoints of the servlet contract (see the smoke tests' README), for each javax.servlet container app
 * to mount in its own way: every servlet async-capable, the filter on {@code /*}.
 */
public final class ContractEndpoints {

  private ContractEndpoints() {}

  /** Each servlet by its mapping; the default servlet {@code /} last. */
  public static Map<String, Servlet> servletsByMapping() {
    Map<String, Servlet> servlets = new LinkedHashMap<>();
    servlets.put("/hello", new HelloServlet());
    servlets.put("/orders/*", new OrdersServlet());
    servlets.put("/fail", new FailServlet());
    servlets.put("/status/*", new StatusServlet());
    servlets.put("/async", new AsyncServlet());
    servlets.put("/forward", new ForwardServlet());
    servlets.put("/health", new HealthServlet());
    servlets.put("/", new FallbackServlet());
    return servlets;
  }

  /** Only passes the request on: a filter must not add a span of its own. */
  public static Filter passThroughFilter() {
    return new PassThroughFilter();
  }
}
