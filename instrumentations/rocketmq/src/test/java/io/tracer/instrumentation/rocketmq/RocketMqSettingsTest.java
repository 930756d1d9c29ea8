package io.tracer.instrumentation.rocketmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RocketMqSettingsTest {

  private final ByteArrayOutputStream complaints = new ByteArrayOutputStream();

  private RocketMqSettings settings(Map<String, String> properties) {
    return new RocketMqSettings(TracerConfig.of(properties,
        new ConfigProblems(new PrintStream(complaints, true, StandardCharsets.UTF_8))));
  }

  @Test
  void bodiesAreNotCapturedAndNoTopicIsIgnoredByDefault() {
    RocketMqSettings defaults = settings(Collections.emptyMap());
    assertFalse(defaults.captureBody());
    assertEquals(1024, defaults.bodyMaxBytes());
    assertFalse(defaults.isIgnored("orders"));
  }

  @Test
  void ignoredTopicsAreExactNamesOrPrefixesFromTheRocketmqSection() {
    Map<String, String> properties = new HashMap<>();
    properties.put("otel.rocketmq.ignored-topics", "health, audit-*");
    RocketMqSettings configured = settings(properties);
    assertTrue(configured.isIgnored("health"));
    assertTrue(configured.isIgnored("audit-eu"));
    assertFalse(configured.isIgnored("healthy"));
    assertFalse(configured.isIgnored(null));
  }

  @Test
  void aBadBodySizeIsReportedAndTheDefaultKept() {
    Map<String, String> properties = new HashMap<>();
    properties.put("OTEL_ROCKETMQ_MESSAGE_BODY_MAX_BYTES", "-3");
    properties.put("otel.rocketmq.capture-message-body", "true");
    RocketMqSettings configured = settings(properties);
    assertTrue(configured.captureBody());
    assertEquals(1024, configured.bodyMaxBytes());
    assertTrue(complaints.toString(StandardCharsets.UTF_8).contains("otel.rocketmq.message-body-max-bytes"));
  }
}
