package example.otelapi;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Asks for a full collection, so that a test need not wait for the heap to fill before a leak is found. */
final class GcServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    System.gc();
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
