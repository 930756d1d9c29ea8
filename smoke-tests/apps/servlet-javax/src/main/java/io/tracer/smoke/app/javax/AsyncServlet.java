package io.tracer.smoke.app.javax;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Returns at once from {@code service}; another thread completes the response 150 ms later. */
final class AsyncServlet extends HttpServlet {

  private static final long COMPLETION_DELAY_MILLIS = 150;

  private final ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "async-completer");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    AsyncContext async = request.startAsync();
    completer.schedule(() -> complete(async), COMPLETION_DELAY_MILLIS, TimeUnit.MILLISECONDS);
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
