package io.tracer.instrumentation.servlet.javax;

import java.util.HashSet;
import java.util.Set;
import javax.servlet.ServletContext;
import javax.servlet.ServletRegistration;
import javax.servlet.http.HttpServletRequest;

/**
 * The route on a Servlet 3.x container (Jetty 9.4, Tomcat 8.5), whose request does not say which mapping
 * matched. A path mapping is recognisable by its path info; an exact or an extension mapping is told from the
 * default servlet by the context's registered mappings, read once per context and kept as a context attribute
 * (registration ends before a context serves its first request).
 */
final class Servlet3Routes {

  private static final String ATTRIBUTE = "io.tracer.servlet.exact-and-extension-mappings";

  private final Set<String> exactMappings;
  private final Set<String> extensionMappings;

  private Servlet3Routes(Set<String> exactMappings, Set<String> extensionMappings) {
    this.exactMappings = exactMappings;
    this.extensionMappings = extensionMappings;
  }

  static String route(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    if (request.getPathInfo() != null) {
      return request.getContextPath() + servletPath + "/*";
    }
    return of(request.getServletContext()).mappingOf(request.getContextPath(), servletPath);
  }

  private String mappingOf(String contextPath, String servletPath) {
    if (exactMappings.contains(servletPath)) {
      return contextPath + servletPath;
    }
    int dot = servletPath.lastIndexOf('.');
    if (dot > servletPath.lastIndexOf('/') && !extensionMappings.isEmpty()) {
      String extension = "*" + servletPath.substring(dot);
      if (extensionMappings.contains(extension)) {
        return contextPath + extension;
      }
    }
    return null; // the default servlet: the mapping says nothing about the route
  }

  private static Servlet3Routes of(ServletContext context) {
    Object known = context.getAttribute(ATTRIBUTE);
    if (known instanceof Servlet3Routes) {
      return (Servlet3Routes) known;
    }
    Servlet3Routes routes = read(context);
    context.setAttribute(ATTRIBUTE, routes);
    return routes;
  }

  private static Servlet3Routes read(ServletContext context) {
    Set<String> exact = new HashSet<>();
    Set<String> extensions = new HashSet<>();
    try {
      for (ServletRegistration registration : context.getServletRegistrations().values()) {
        for (String mapping : registration.getMappings()) {
          if (mapping.startsWith("*.")) {
            extensions.add(mapping);
          } else if (mapping.startsWith("/") && !mapping.equals("/") && !mapping.endsWith("/*")) {
            exact.add(mapping);
          }
        }
      }
    } catch (RuntimeException registrationsNotOffered) {
      // a context that keeps its registrations to itself: every unrecognised path is the default servlet's
    }
    return new Servlet3Routes(exact, extensions);
  }
}
