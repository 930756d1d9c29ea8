package example.allpaths;

import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat on {@code PORT} (0: any free port) serving {@code GET /all}, which goes through every library the
 * agent instruments (see {@link AllPathsServlet}), and {@code /echo}, which the outgoing HTTP calls of {@code /all}
 * reach. PostgreSQL ({@code POSTGRES_URL}, {@code POSTGRES_USER}), MariaDB ({@code MARIADB_URL},
 * {@code MARIADB_USER}) and Redis ({@code REDIS_URI}) default to the servers on 127.0.0.1; RocketMQ's namesrv and
 * broker, JobRunr and Quartz run in this JVM. Prints {@code LISTENING <port>} once all of them are ready.
 *
 * <p>The package is not under {@code io.tracer}: the agent never instruments its own packages, and the Quartz job
 * class of this application is instrumented itself.
 */
public final class AllPathsApp {

  private AllPathsApp() {}

  public static void main(String[] args) throws Exception {
    Backends backends;
    try {
      backends = new Backends();
    } catch (Exception e) {
      // at once, rather than kept alive by the broker's threads until the harness gives up waiting
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(backends::close));

    Tomcat tomcat = new Tomcat();
    tomcat.setPort(Integer.parseInt(System.getenv().getOrDefault("PORT", "0")));
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    // every thread the requests of CONCURRENCY callers need (theirs and the /echo calls they make) from the start: a
    // pool that grows to its peak only when the load first reaches it looks like a growing thread count
    tomcat.getConnector().setProperty("minSpareThreads", Integer.toString(3 * Backends.CONCURRENCY));
    Context context = tomcat.addContext("", null);
    Tomcat.addServlet(context, "all", new AllPathsServlet(backends));
    context.addServletMappingDecoded("/all", "all");
    Tomcat.addServlet(context, "echo", new EchoServlet());
    context.addServletMappingDecoded("/echo", "echo");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    tomcat.getServer().await();
  }
}
