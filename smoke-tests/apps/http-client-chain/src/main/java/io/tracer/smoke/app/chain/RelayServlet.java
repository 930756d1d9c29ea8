package io.tracer.smoke.app.chain;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@code /relay/<port>/<path>}: one GET of {@code http://127.0.0.1:<port>/<path>}, query included, with the JDK
 * HttpClient; answers the downstream's status and body. The caller names the downstream, so that this service can
 * start before it.
 */
final class RelayServlet extends HttpServlet {

  private final HttpClient jdkClient = HttpClient.newHttpClient();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
    URI downstream = URI.create("http://127.0.0.1:" + request.getPathInfo().substring(1) + query);
    HttpRequest relayed = HttpRequest.newBuilder(downstream).build();
    HttpResponse<String> answer;
    try {
      answer = jdkClient.send(relayed, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    response.setStatus(answer.statusCode());
    response.setContentType("text/plain");
    response.getWriter().write(answer.body());
  }
}
