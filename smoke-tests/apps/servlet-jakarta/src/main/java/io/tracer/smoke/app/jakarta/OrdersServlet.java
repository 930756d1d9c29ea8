package io.tracer.smoke.app.jakarta;

import java.io.IOException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Path mapping {@code /orders/*}: answers with the path info, so a test can tell the route from the path. */
final class OrdersServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain");
    response.getWriter().write(String.valueOf(request.getPathInfo()));
  }
}
