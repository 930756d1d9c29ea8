package io.tracer.benchmarks.service;

import com.sun.management.ThreadMXBean;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The endpoints: {@code /a} does nothing, {@code /b} one database query, {@code /c} one Redis GET, {@code /d} all
 * of them plus an HTTP call to {@code /a}; {@code /bench/stats} tells the runner what the JVM allocated and holds.
 */
final class Endpoints {

  private Endpoints() {}

  static void register(Context context, Backends backends) {
    add(context, "/a", new Nothing());
    add(context, "/b", new Database(backends));
    add(context, "/c", new Redis(backends));
    add(context, "/d", new Everything(backends));
    add(context, "/bench/stats", new Stats());
  }

  private static void add(Context context, String path, HttpServlet servlet) {
    String name = path.substring(1).replace('/', '-');
    Tomcat.addServlet(context, name, servlet);
    context.addServletMappingDecoded(path, name);
  }

  private static int randomRow() {
    return ThreadLocalRandom.current().nextInt(Backends.ROWS);
  }

  private static void reply(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain");
    response.getWriter().write(body);
  }

  static final class Nothing extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      reply(response, "ok");
    }
  }

  static final class Database extends HttpServlet {
    private final transient Backends backends;

    Database(Backends backends) {
      this.backends = backends;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      try {
        reply(response, backends.queryDatabase(randomRow()));
      } catch (SQLException e) {
        throw new ServletException(e);
      }
    }
  }

  static final class Redis extends HttpServlet {
    private final transient Backends backends;

    Redis(Backends backends) {
      this.backends = backends;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      reply(response, backends.getFromRedis(randomRow()));
    }
  }

  static final class Everything extends HttpServlet {
    private final transient Backends backends;

    Everything(Backends backends) {
      this.backends = backends;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException, ServletException {
      try {
        int row = randomRow();
        String item = backends.queryDatabase(row);
        String cached = backends.getFromRedis(row);
        int status = backends.callNothingEndpoint();
        if (status != 200) {
          throw new ServletException("/a answered " + status);
        }
        reply(response, item + " " + cached);
      } catch (SQLException e) {
        throw new ServletException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServletException(e);
      }
    }
  }

  /**
   * Bytes allocated by every thread since the JVM started (terminated threads included), so that the runner's
   * difference over a load window covers the agent's own threads too; with {@code ?gc=true}, the heap still used
   * after a full collection: what the service and its agent retain.
   */
  static final class Stats extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if ("true".equals(request.getParameter("gc"))) {
        System.gc();
      }
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      reply(response, "allocatedBytes=" + threads.getTotalThreadAllocatedBytes() + "\n"
          + "heapUsedBytes=" + heap.getUsed() + "\n"
          + "heapCommittedBytes=" + heap.getCommitted() + "\n"
          + "javaThreads=" + threads.getThreadCount() + "\n");
    }
  }
}
