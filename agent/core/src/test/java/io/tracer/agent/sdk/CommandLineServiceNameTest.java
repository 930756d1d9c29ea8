package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CommandLineServiceNameTest {

  @Test
  void jarLoseItsFolderVersionAndExtension() {
    assertEquals("orders-service", CommandLineServiceName.derive("/opt/app/orders-service-1.4.2.jar --port=8080"));
    assertEquals("billing", CommandLineServiceName.derive("billing-2.0.0-SNAPSHOT.jar"));
    assertEquals("worker", CommandLineServiceName.derive("C:\\apps\\worker-3.JAR"));
  }

  @Test
  void jarWithoutVersionKeepsItsWholeName() {
    assertEquals("payments", CommandLineServiceName.derive("payments.jar"));
    assertEquals("web-3d-viewer", CommandLineServiceName.derive("lib/web-3d-viewer.jar"));
    assertEquals("k8s-gateway", CommandLineServiceName.derive("k8s-gateway-1.0.jar"));
  }

  @Test
  void mainClassIsItsSimpleName() {
    assertEquals("OrdersApplication", CommandLineServiceName.derive("com.example.OrdersApplication arg1 arg2"));
    assertEquals("Main", CommandLineServiceName.derive("Main"));
  }

  @Test
  void nothingUsableGivesNull() {
    assertNull(CommandLineServiceName.derive(null));
    assertNull(CommandLineServiceName.derive("   "));
    assertNull(CommandLineServiceName.derive("com.example."));
  }
}
