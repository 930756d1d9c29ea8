package io.tracer.smoke.app.heap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat on {@code PORT} (0: any free port) with {@code /work} (answers {@code ok}), {@code /retain?mb=N}
 * (keeps N more megabytes reachable) and {@code /release} (drops them); both of the latter then ask for a full
 * collection, so that what the old generation holds after GC changes at once. Prints {@code LISTENING <port>}.
 */
public final class HeapPressureApp {

  /** A quarter megabyte: below half a G1 region, so no chunk is a humongous object taking two regions. */
  private static final int CHUNK = 256 * 1024;
  private static final int CHUNKS_PER_MEGABYTE = 4;
  private static final List<byte[]> RETAINED = new ArrayList<>();

  private HeapPressureApp() {}

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "heap", new HeapServlet());
    context.addServletMappingDecoded("/*", "heap");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }

  private static final class HeapServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      String path = request.getRequestURI();
      if (path.equals("/retain")) {
        int megabytes = Integer.parseInt(request.getParameter("mb"));
        synchronized (RETAINED) {
          for (int i = 0; i < megabytes * CHUNKS_PER_MEGABYTE; i++) {
            RETAINED.add(new byte[CHUNK]);
          }
        }
        System.gc();
      } else if (path.equals("/release")) {
        synchronized (RETAINED) {
          RETAINED.clear();
        }
        System.gc();
      }
      response.setContentType("text/plain");
      response.getWriter().write("ok");
    }
  }
}
