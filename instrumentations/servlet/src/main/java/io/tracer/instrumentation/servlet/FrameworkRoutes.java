package io.tracer.instrumentation.servlet;

import io.tracer.instrumentation.api.http.HttpServerTracer;

/**
 * The route template a framework behind one servlet recorded on the request. Spring's {@code DispatcherServlet}
 * is mapped to {@code /}, Jersey's servlet to {@code /api/*} say, so the servlet mapping says nothing; a request
 * attribute, read once when the span ends, names the handler's template: Spring's own, or the one a framework
 * module (Jersey's) records under {@link HttpServerTracer#FRAMEWORK_ROUTE_ATTRIBUTE}.
 */
final class FrameworkRoutes {

  /**
   * {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE} of Spring MVC 5 (javax) and 6 (jakarta), set by
   * annotated controllers, functional routes and URL mappings: the pattern as a String, both for Ant-style and
   * for {@code PathPattern} matching.
   */
  static final String SPRING_MVC_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /**
   * The pattern of Spring Boot's static resource handler, which takes every request no controller does (and
   * answers 404 when no file matches): like the default servlet, it says nothing about the request.
   */
  private static final String SPRING_CATCH_ALL = "/**";

  private FrameworkRoutes() {}

  /** @return the route with the context and servlet path before it, or {@code null} when no framework routed */
  static <REQUEST> String route(ServletAccessor<REQUEST, ?> accessor, REQUEST request) {
    Object pattern = accessor.getAttribute(request, HttpServerTracer.FRAMEWORK_ROUTE_ATTRIBUTE);
    if (pattern == null) {
      pattern = accessor.getAttribute(request, SPRING_MVC_PATTERN);
    }
    if (pattern == null) {
      return null;
    }
    String template = pattern.toString();
    if (template.isEmpty() || template.equals(SPRING_CATCH_ALL)) {
      return null;
    }
    String prefix = accessor.routePrefix(request);
    return template.charAt(0) == '/' || prefix.isEmpty() ? prefix + template : prefix + '/' + template;
  }
}
