package io.tracer.smoke.app.jakarta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Returns at once from {@code service}; another thread completes the response 150 ms later, or after the
 * {@code millis} the query asks for (a slow request).
 */
final class AsyncServlet extends HttpServlet {

  private static final long COMPLETION_DELAY_MILLIS = 150;

  private final ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "async-completer");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    String millis = request.getParameter("millis");
    long delay = millis == null ? COMPLETION_DELAY_MILLIS : Long.parseLong(millis);
    AsyncContext async = request.startAsync();
    completer.schedule(() -> complete(async), delay, TimeUnit.MILLISECONDS);
  }

  private static void complete(AsyncContext async) {
    try {
      HttpServletResponse response = (HttpServletResponse) async.getResponse();
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("text/plain");
      response.getWriter().write("async");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      async.complete();
    }
  }
}
