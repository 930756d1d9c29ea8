package example.otelapi;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bug the agent's debug mode must point at: a span started and never ended. {@code /leak} forgets it, so it is
 * collected; {@code /leak?keep=true} keeps it, so it is still open when the JVM stops. Answers the span's ids.
 */
final class LeakServlet extends HttpServlet {

  private static final List<Span> KEPT = new CopyOnWriteArrayList<>();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean keep = "true".equals(request.getParameter("keep"));
    Span span = GlobalOpenTelemetry.getTracer("example.otelapi", "1.0")
        .spanBuilder(keep ? "kept work" : "forgotten work")
        .startSpan();
    if (keep) {
      KEPT.add(span);
    }
    response.setContentType("text/plain");
    response.getWriter().write(span.getSpanContext().getTraceId() + " " + span.getSpanContext().getSpanId());
  }
}
