package io.tracer.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.impl.client.DefaultHttpClient;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.Test;

/**
 * HttpClient 4.2 is below the supported range (its own surefire run): requests must work as before, with no span and
 * no propagation header, and the agent says once, at debug level, why.
 */
class ApacheHttpClient42UninstrumentedTest {

  @Test
  void httpClient42WorksAndIsLeftAlone() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    try (RecordingHttpServer server = RecordingHttpServer.start()) {
      AgentLog.enableDebug(true);
      TestAgent.install();
      useTheLibrary(server);
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    assertTrue(said.toString().contains("Apache HttpClient: 4.2 or older (no CloseableHttpClient) is not supported"),
        said::toString);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  /** Through the {@code HttpClient} interface: the test is compiled against 4.3, whose client returns a 4.3 type. */
  @SuppressWarnings("deprecation") // the 4.2 way of making a client
  private static void useTheLibrary(RecordingHttpServer server) throws Exception {
    assertTrue(DefaultHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath()
        .contains("httpclient-4.2."));
    HttpClient client = new DefaultHttpClient();
    try {
      HttpResponse response = client.execute(new HttpGet(server.url("/status/200")));
      assertEquals(200, response.getStatusLine().getStatusCode());
      assertEquals("status 200", EntityUtils.toString(response.getEntity()));
    } finally {
      client.getConnectionManager().shutdown();
    }
    assertNull(server.onlyRequest().header("traceparent"), server.onlyRequest()::toString);
  }
}
