package io.tracer.instrumentation.jersey;

import io.opentelemetry.api.trace.Span;
import io.tracer.instrumentation.api.http.HttpServerTracer;
import java.util.List;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The route of a request Jersey matched: its matched templates joined from the root resource's down, relative
 * to the application's base path. A request property of Jersey's servlet container is a request attribute, where
 * the servlet module reads it when the span ends.
 */
final class JerseyRoutes {

  private JerseyRoutes() {}

  static void record(ContainerRequest request) {
    if (!Span.current().isRecording()) {
      return; // nothing would read it
    }
    List<UriTemplate> templates = request.getUriInfo().getMatchedTemplates();
    if (templates.isEmpty()) {
      return; // no resource matched: a 404 keeps what the servlet mapping says
    }
    StringBuilder route = new StringBuilder();
    // Jersey lists the templates from the most specific, the root resource's last
    for (int i = templates.size() - 1; i >= 0; i--) {
      appendSegment(route, templates.get(i).getTemplate());
    }
    request.setProperty(HttpServerTracer.FRAMEWORK_ROUTE_ATTRIBUTE, route.length() == 0 ? "/" : route.toString());
  }

  /** Jersey starts every template with a slash; a trailing one ({@code @Path("/")}, say) is left out. */
  private static void appendSegment(StringBuilder route, String template) {
    route.append(template, 0, template.endsWith("/") ? template.length() - 1 : template.length());
  }
}
