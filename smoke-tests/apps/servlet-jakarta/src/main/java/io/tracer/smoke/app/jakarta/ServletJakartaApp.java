package io.tracer.smoke.app.jakarta;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat (10.1 here, 11 in the servlet-tomcat11 app) serving jakarta.servlet endpoints on {@code PORT}
 * (0: any free port), the request line and headers up to {@code MAX_HTTP_HEADER_SIZE} bytes (Tomcat's 8192 by
 * default). Prints {@code LISTENING <port>} once it accepts requests: the smoke-test harness waits for
 * that line.
 */
public final class ServletJakartaApp {

  private ServletJakartaApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    // raised by tests of very long URLs and headers, so that such requests reach the servlets
    tomcat.getConnector().setProperty("maxHttpHeaderSize",
        System.getenv().getOrDefault("MAX_HTTP_HEADER_SIZE", "8192"));
    Context context = tomcat.addContext("", null);
    for (Map.Entry<String, Servlet> endpoint : ContractEndpoints.servletsByMapping().entrySet()) {
      addServlet(context, endpoint.getKey(), endpoint.getValue(), endpoint.getKey());
    }
    addFilterOnEveryPath(context, "passThrough", ContractEndpoints.passThroughFilter());
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  private static void addServlet(Context context, String name, Servlet servlet, String mapping) {
    Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
    wrapper.setAsyncSupported(true);
    context.addServletMappingDecoded(mapping, name);
  }

  private static void addFilterOnEveryPath(Context context, String name, Filter filter) {
    FilterDef definition = new FilterDef();
    definition.setFilterName(name);
    definition.setFilter(filter);
    definition.setAsyncSupported("true");
    context.addFilterDef(definition);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName(name);
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
  }
}
