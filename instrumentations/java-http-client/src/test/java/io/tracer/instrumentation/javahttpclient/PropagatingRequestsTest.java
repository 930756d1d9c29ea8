package io.tracer.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy used before Java 16, where {@code HttpRequest.newBuilder(request, filter)} does not exist. */
class PropagatingRequestsTest {

  @Test
  void aFieldByFieldCopyKeepsEverythingTheRequestCarries() {
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/orders?id=1"))
        .header("Accept", "text/plain").header("Accept", "application/json").header("X-Order", "42")
        .timeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).expectContinue(true)
        .PUT(HttpRequest.BodyPublishers.ofString("body")).build();

    HttpRequest copy = PropagatingRequests.copyFieldByField(original).build();

    assertEquals(original.uri(), copy.uri());
    assertEquals("PUT", copy.method());
    assertEquals(4L, copy.bodyPublisher().orElseThrow().contentLength());
    assertEquals(List.of("text/plain", "application/json"), copy.headers().allValues("accept"));
    assertEquals(original.headers(), copy.headers());
    assertEquals(original.timeout(), copy.timeout());
    assertEquals(original.version(), copy.version());
    assertEquals(original.expectContinue(), copy.expectContinue());
  }

  @Test
  void aGetWithoutBodyStaysWithoutBody() {
    HttpRequest original = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/")).build();
    HttpRequest copy = PropagatingRequests.copyFieldByField(original).build();

    assertEquals("GET", copy.method());
    assertEquals(original.bodyPublisher().isPresent(), copy.bodyPublisher().isPresent());
    assertFalse(copy.expectContinue());
  }
}
