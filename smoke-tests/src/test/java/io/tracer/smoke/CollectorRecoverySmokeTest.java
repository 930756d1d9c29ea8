package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The collector is down while the application serves, then comes back on the same address: the agent exports
 * again without a restart, and the requests served after its return arrive. (The spans of the outage are lost and
 * reported, as {@link ExportFailureSmokeTest} proves.)
 */
@ExtendWith(SmokePrerequisites.class)
class CollectorRecoverySmokeTest {

  private static final int REQUESTS = 20;
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void exportResumesWhenTheCollectorComesBack() throws Exception {
    int collectorPort = freePort();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TracedApp app = TracedApp.builder("servlet-javax")
            .label(getClass().getSimpleName())
            .serviceName("collector-recovery-smoke")
            .exportTo(OtlpProtocol.HTTP_PROTOBUF, "http://127.0.0.1:" + collectorPort)
            .env("OTEL_BSP_SCHEDULE_DELAY", "200")
            .env("OTEL_EXPORTER_OTLP_TIMEOUT", "1000")
            .start()) {
      for (int request = 0; request < REQUESTS; request++) {
        assertEquals(new HttpResult(200, "/down-" + request), app.get("/orders/down-" + request));
      }
      assertTrue(app.awaitStderrLine(line -> line.contains("[tracer]") && line.contains("lost"), SPAN_TIMEOUT)
          .isPresent(), "the outage was not reported\n" + app.describeOutput());

      try (TcpForwarder collectorBack = new TcpForwarder(collectorPort,
          URI.create(receiver.endpoint(OtlpProtocol.HTTP_PROTOBUF)).getPort())) {
        for (int request = 0; request < REQUESTS; request++) {
          assertEquals(new HttpResult(200, "/up-" + request), app.get("/orders/up-" + request));
        }
        List<ReceivedSpan> after = receiver.awaitSpans(span -> isRequest(span, "/orders/up-"), REQUESTS,
            SPAN_TIMEOUT);
        assertEquals(REQUESTS, after.size(), OtlpReceiver.describe(after));
      }
    }
  }

  private static boolean isRequest(ReceivedSpan span, String pathPrefix) {
    String path = span.stringAttribute("url.path");
    return path != null && path.startsWith(pathPrefix);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  /** The collector's address coming back: every connection to {@code port} is piped to the receiver's port. */
  private static final class TcpForwarder implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;

    TcpForwarder(int port, int targetPort) throws IOException {
      this.targetPort = targetPort;
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
      daemon(this::acceptAll);
    }

    private void acceptAll() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          Socket target = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
          daemon(() -> pipe(client, target));
          daemon(() -> pipe(target, client));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void pipe(Socket from, Socket to) {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException ended) {
        // one side closed: the other follows
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }

    private static void closeQuietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already closed
      }
    }

    private static void daemon(Runnable work) {
      Thread thread = new Thread(work, "collector-forwarder");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
