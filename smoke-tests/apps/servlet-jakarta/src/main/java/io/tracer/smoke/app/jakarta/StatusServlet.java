package io.tracer.smoke.app.jakarta;

import java.io.IOException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code /status/503} answers 503: a status chosen by the caller, without any exception. */
final class StatusServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String pathInfo = request.getPathInfo();
    int status;
    try {
      status = Integer.parseInt(pathInfo == null ? "" : pathInfo.substring(1));
    } catch (NumberFormatException notAStatus) {
      status = HttpServletResponse.SC_BAD_REQUEST;
    }
    response.setStatus(status);
    response.setContentType("text/plain");
    response.getWriter().write("status " + status);
  }
}
