package io.tracer.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

  @Test
  void listsAndMapsKeepTheirCommas() {
    Map<String, String> arguments = AgentArguments.parse(
        "otel.propagators=b3,jaeger,otel.resource.attributes=team=red,zone=eu,OTEL_SERVICE_NAME=orders");
    assertEquals("b3,jaeger", arguments.get("otel.propagators"));
    assertEquals("team=red,zone=eu", arguments.get("otel.resource.attributes"));
    assertEquals("orders", arguments.get("OTEL_SERVICE_NAME"));
    assertEquals(3, arguments.size());
  }

  @Test
  void nothingGivenIsNothingParsed() {
    assertTrue(AgentArguments.parse(null).isEmpty());
    assertTrue(AgentArguments.parse("  ").isEmpty());
    assertTrue(AgentArguments.parse("stray,words").isEmpty());
  }

  @Test
  void theSwitchReadsTheArgumentWhenNothingElseSaysSo() {
    assumeTrue(System.getProperty("otel.enabled") == null && System.getenv("OTEL_ENABLED") == null,
        "otel.enabled is set for the test JVM itself");
    assertTrue(EnabledSwitch.disabled("otel.enabled=false"));
    assertTrue(EnabledSwitch.disabled("otel.service.name=a,otel.enabled=FALSE"));
    assertFalse(EnabledSwitch.disabled("otel.enabled=true"));
    assertFalse(EnabledSwitch.disabled(null));
  }
}
