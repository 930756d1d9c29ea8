package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.resources.Resource;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TracerResourceTest {

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  private TracerConfig config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return TracerConfig.of(map, new ConfigProblems(new PrintStream(problems, true)));
  }

  private static Properties command(String javaCommand) {
    Properties properties = new Properties();
    properties.setProperty("sun.java.command", javaCommand);
    properties.setProperty("java.runtime.name", "OpenJDK Runtime Environment");
    properties.setProperty("java.runtime.version", "17.0.9+9");
    return properties;
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttribute(AttributeKey.stringKey(key));
  }

  @Test
  void serviceNameComesFirstFromOtelServiceName() {
    Resource resource = TracerResource.create(
        config("OTEL_SERVICE_NAME", "checkout", "otel.resource.attributes", "service.name=ignored,team=shop"),
        command("orders-1.0.jar"), Map.of());

    assertEquals("checkout", attribute(resource, "service.name"));
    assertEquals("shop", attribute(resource, "team"));
  }

  @Test
  void serviceNameThenComesFromResourceAttributes() {
    Resource resource = TracerResource.create(config("otel.resource.attributes", "service.name=inventory"),
        command("orders-1.0.jar"), Map.of());

    assertEquals("inventory", attribute(resource, "service.name"));
  }

  @Test
  void serviceNameIsOtherwiseDerivedFromTheCommandLine() {
    assertEquals("orders-service", attribute(
        TracerResource.create(config(), command("/srv/orders-service-1.4.2.jar"), Map.of()), "service.name"));
    assertEquals("OrdersApplication", attribute(
        TracerResource.create(config(), command("com.example.OrdersApplication"), Map.of()), "service.name"));
  }

  @Test
  void serviceNameIsNeverEmpty() {
    Resource resource = TracerResource.create(config(), new Properties(), Map.of());

    assertEquals("unknown_service:java", attribute(resource, "service.name"));
  }

  @Test
  void carriesSdkDistroProcessAndHostAttributes() {
    Resource resource = TracerResource.create(config(), command("app.jar"), Map.of("HOSTNAME", "node-7"));

    assertEquals("opentelemetry", attribute(resource, "telemetry.sdk.name"));
    assertEquals("java", attribute(resource, "telemetry.sdk.language"));
    assertNotNull(attribute(resource, "telemetry.sdk.version"));
    assertEquals("tracer", attribute(resource, "telemetry.distro.name"));
    // the tests run from classes, not from tracer.jar: there is no manifest to read a version from
    assertNull(attribute(resource, "telemetry.distro.version"));
    assertEquals(ProcessHandle.current().pid(), resource.getAttribute(AttributeKey.longKey("process.pid")));
    assertEquals("OpenJDK Runtime Environment", attribute(resource, "process.runtime.name"));
    assertEquals("17.0.9+9", attribute(resource, "process.runtime.version"));
    assertEquals("node-7", attribute(resource, "host.name"));
  }

  @Test
  void configuredAttributesOverrideDetectedOnes() {
    Resource resource = TracerResource.create(config("otel.resource.attributes", "host.name=edge-1"),
        command("app.jar"), Map.of("HOSTNAME", "node-7"));

    assertEquals("edge-1", attribute(resource, "host.name"));
    assertEquals("", problems.toString());
  }
}
