package io.tracer.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.Test;

/**
 * A Servlet 2.5 container (Jetty 7, its own surefire run) is below the supported range: requests must be served as
 * before, with no span and no trace id response header, and the agent says once, at debug level, why.
 */
class Servlet25UninstrumentedTest {

  @Test
  void servlet25ContainerWorksAndIsLeftAlone() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    HttpResponse<String> response;
    try {
      AgentLog.enableDebug(true);
      TestAgent.install();
      response = getFromJetty7();
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    assertEquals(200, response.statusCode());
    assertEquals("hello", response.body());
    assertFalse(response.headers().firstValue("trace-id").isPresent(), response.headers()::toString);
    assertTrue(said.toString().contains("Servlet: javax.servlet 2.5 or older (no AsyncContext) is not supported"),
        said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  /** The port through reflection: this test is compiled against Jetty 9, whose connectors declare it elsewhere. */
  private static HttpResponse<String> getFromJetty7() throws Exception {
    assertTrue(Server.class.getProtectionDomain().getCodeSource().getLocation().getPath().contains("jetty-server-7."));
    Server server = new Server(0);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder(new Hello()), "/hello");
    server.setHandler(context);
    server.start();
    try {
      Object connector = server.getConnectors()[0];
      int port = (Integer) connector.getClass().getMethod("getLocalPort").invoke(connector);
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
          .build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      server.stop();
    }
  }

  private static final class Hello extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setContentType("text/plain");
      response.getWriter().write("hello");
    }
  }
}
