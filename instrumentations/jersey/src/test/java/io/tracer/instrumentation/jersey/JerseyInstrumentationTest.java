package io.tracer.instrumentation.jersey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.testing.TestAgent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ServerErrorException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jersey 3 behind its servlet on {@code /api/*} of a real embedded Tomcat 10.1 (context {@code /shop}), traced by
 * the servlet module: the SERVER span is named by the resource's templates, not the servlet mapping.
 */
class JerseyInstrumentationTest {

  private static final HttpClient client = HttpClient.newHttpClient();
  private static Tomcat tomcat;
  private static String base;

  @BeforeAll
  static void startTomcat() throws Exception {
    TestAgent.install();
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("/shop", null);
    Tomcat.addServlet(context, "jersey", new ServletContainer(new ResourceConfig(OwnersResource.class)));
    context.addServletMappingDecoded("/api/*", "jersey");
    tomcat.start();
    base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop/api";
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @BeforeEach
  void clearSpans() {
    TestAgent.reset();
  }

  @Test
  void namesTheSpanByTheResourceAndMethodTemplatesBehindTheServletPath() throws Exception {
    assertEquals(200, get("/owners/42"));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/api/owners/{ownerId}", span.getName());
    assertEquals("/shop/api/owners/{ownerId}", span.getAttributes().get(AttributeKey.stringKey("http.route")));
    assertEquals("/shop/api/owners/42", span.getAttributes().get(AttributeKey.stringKey("url.path")));
  }

  @Test
  void aResourceMethodWithoutPathTakesTheResourcesTemplate() throws Exception {
    assertEquals(200, get("/owners"));
    assertEquals("GET /shop/api/owners", onlyServerSpan().getName());
  }

  @Test
  void subResourceLocatorsAddTheirTemplates() throws Exception {
    assertEquals(200, get("/owners/42/pets/7"));
    assertEquals("GET /shop/api/owners/{ownerId}/pets/{petId}", onlyServerSpan().getName());
  }

  @Test
  void aServerErrorOfAResourceKeepsItsRoute() throws Exception {
    assertEquals(503, get("/owners/42/visits"));
    SpanData span = onlyServerSpan();
    assertEquals("GET /shop/api/owners/{ownerId}/visits", span.getName());
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
  }

  @Test
  void aPathNoResourceTakesKeepsTheServletMapping() throws Exception {
    assertEquals(404, get("/no/such/resource"));
    assertEquals("GET /shop/api/*", onlyServerSpan().getName());
  }

  private static int get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Exactly one SERVER span arrives; waits a little longer to be sure no second one follows. */
  private static SpanData onlyServerSpan() throws InterruptedException {
    List<SpanData> spans = TestAgent.awaitSpans(span -> span.getKind() == SpanKind.SERVER, 1, Duration.ofSeconds(5));
    TimeUnit.MILLISECONDS.sleep(50);
    assertEquals(1, TestAgent.spans().size(), "spans: " + TestAgent.spans());
    return spans.get(0);
  }

  @Path("/owners")
  public static class OwnersResource {
    @GET
    public String all() {
      return "owners";
    }

    @GET
    @Path("{ownerId}")
    public String owner(@PathParam("ownerId") long ownerId) {
      return "owner " + ownerId;
    }

    @GET
    @Path("{ownerId}/visits")
    public String visits(@PathParam("ownerId") long ownerId) {
      throw new ServerErrorException("visits of " + ownerId + " unavailable", 503);
    }

    @Path("{ownerId}/pets")
    public PetsResource pets(@PathParam("ownerId") long ownerId) {
      return new PetsResource(ownerId);
    }
  }

  public static class PetsResource {
    private final long ownerId;

    PetsResource(long ownerId) {
      this.ownerId = ownerId;
    }

    @GET
    @Path("/{petId}")
    public String pet(@PathParam("petId") long petId) {
      return "pet " + petId + " of owner " + ownerId;
    }
  }
}
