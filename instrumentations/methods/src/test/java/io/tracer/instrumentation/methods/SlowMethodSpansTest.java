package io.tracer.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import example.methods.Reports;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tracer.agent.sdk.SlowMethodSpanFilter;
import io.tracer.testing.TestAgent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs in its own JVM with {@code Reports[*]} configured and a 500 ms slow threshold. */
class SlowMethodSpansTest {

  @BeforeAll
  static void installAgent() {
    // -Dtest=... on the command line brings this class into the default execution too, without the threshold
    assumeTrue(System.getProperty(SlowMethodSpanFilter.THRESHOLD_KEY) != null, "runs in the slow-threshold execution");
    TestAgent.install();
  }

  @Test
  void onlySlowFailedOrParentMethodSpansAreKept() throws Exception {
    Reports reports = new Reports();
    reports.fast();
    reports.slow();
    reports.fastWithChild();
    assertThrows(IllegalStateException.class, reports::fastFailing);
    List<String> methodSpans = TestAgent.spans().stream()
        .filter(span -> span.getInstrumentationScopeInfo().getName().equals("io.tracer.methods"))
        .map(SpanData::getName).sorted().collect(Collectors.toList());
    assertEquals(List.of("Reports.fastFailing", "Reports.fastWithChild", "Reports.slow"), methodSpans);
    SpanData child = TestAgent.spans().stream().filter(span -> span.getName().equals("child")).findFirst()
        .orElseThrow();
    SpanData parent = TestAgent.spans().stream().filter(span -> span.getName().equals("Reports.fastWithChild"))
        .findFirst().orElseThrow();
    assertEquals(parent.getSpanId(), child.getParentSpanId());
  }
}
