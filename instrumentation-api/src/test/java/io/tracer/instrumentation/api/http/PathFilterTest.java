package io.tracer.instrumentation.api.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PathFilterTest {

  private final PathFilter filter = new PathFilter(Arrays.asList("/health", "/internal/*", "/static*"));

  @Test
  void matchesExactPathsOnlyExactly() {
    assertTrue(filter.matches("/health"));
    assertFalse(filter.matches("/health/deep"));
    assertFalse(filter.matches("/healthz"));
  }

  @Test
  void matchesPrefixEntries() {
    assertTrue(filter.matches("/internal/metrics"));
    assertTrue(filter.matches("/static"));
    assertTrue(filter.matches("/static/app.js"));
    assertFalse(filter.matches("/internal"));
    assertFalse(filter.matches("/orders/1"));
    assertFalse(filter.matches(null));
  }
}
