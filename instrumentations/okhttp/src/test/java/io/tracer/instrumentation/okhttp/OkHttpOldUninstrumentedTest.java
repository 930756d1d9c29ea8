package io.tracer.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.AgentLog;
import io.tracer.testing.RecordingHttpServer;
import io.tracer.testing.TestAgent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OkHttp 3.8 and 2.x are below the supported range (their own surefire run, both on one class path: 2.x has its own
 * package): calls must work as before, with no span and no propagation header, and the agent says once, at debug
 * level, why.
 */
class OkHttpOldUninstrumentedTest {

  private static RecordingHttpServer server;

  @BeforeAll
  static void startServer() throws IOException {
    server = RecordingHttpServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void reset() {
    server.reset();
  }

  @Test
  void okHttp38WorksAndIsLeftAlone() throws Exception {
    String said = debugLinesWhile(this::callWithOkHttp3);
    assertTrue(said.contains("OkHttp: this version (3.0 to 3.8) is not supported"), said);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  @Test
  void okHttp2WorksAndIsLeftAlone() throws Exception {
    String said = debugLinesWhile(this::callWithOkHttp2);
    assertTrue(said.contains("OkHttp: 2.x (com.squareup.okhttp) is not supported"), said);
    assertEquals(0, TestAgent.spans().size(), () -> TestAgent.spans().toString());
  }

  private void callWithOkHttp3() throws Exception {
    assertTrue(jarOf(okhttp3.OkHttpClient.class).contains("okhttp-3.8."), jarOf(okhttp3.OkHttpClient.class));
    okhttp3.OkHttpClient client = new okhttp3.OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
    try (okhttp3.Response response = client.newCall(new okhttp3.Request.Builder().url(server.url("/status/200"))
        .build()).execute()) {
      assertEquals(200, response.code());
      assertEquals("status 200", response.body().string());
    }
    CompletableFuture<Integer> asyncCode = new CompletableFuture<>();
    client.newCall(new okhttp3.Request.Builder().url(server.url("/status/201")).build())
        .enqueue(new okhttp3.Callback() {
          @Override
          public void onFailure(okhttp3.Call call, IOException e) {
            asyncCode.completeExceptionally(e);
          }

          @Override
          public void onResponse(okhttp3.Call call, okhttp3.Response response) {
            response.close();
            asyncCode.complete(response.code());
          }
        });
    assertEquals(201, asyncCode.get(10, TimeUnit.SECONDS));
    client.dispatcher().executorService().shutdown();
    assertEquals(2, server.requests().size());
    server.requests().forEach(request -> assertNull(request.header("traceparent"), request::toString));
  }

  private void callWithOkHttp2() throws Exception {
    assertTrue(jarOf(com.squareup.okhttp.OkHttpClient.class).contains("okhttp-2."),
        jarOf(com.squareup.okhttp.OkHttpClient.class));
    com.squareup.okhttp.OkHttpClient client = new com.squareup.okhttp.OkHttpClient();
    com.squareup.okhttp.Response response = client.newCall(new com.squareup.okhttp.Request.Builder()
        .url(server.url("/status/200")).build()).execute();
    assertEquals(200, response.code());
    assertEquals("status 200", response.body().string());
    assertNull(server.onlyRequest().header("traceparent"), server.onlyRequest()::toString);
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath();
  }

  private interface Use {
    void run() throws Exception;
  }

  private static String debugLinesWhile(Use use) throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    System.setErr(new PrintStream(said, true));
    try {
      AgentLog.enableDebug(true);
      TestAgent.install();
      use.run();
    } finally {
      AgentLog.enableDebug(false);
      System.setErr(stderr);
    }
    return said.toString();
  }
}
