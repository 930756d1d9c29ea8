package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jobrunr.jobs.annotations.Job;

/**
 * The jobs the tests enqueue; each remembers the span that was current while it ran, under its marker. JobRunr
 * creates an instance through the job activator even for static methods, hence the public constructor.
 */
public class TestJobs {

  static final Map<String, SpanContext> CURRENT_SPAN_WHILE_RUNNING = new ConcurrentHashMap<>();

  @Job(name = "Greet %0", labels = "greeting")
  public static void greet(String marker) {
    remember(marker);
  }

  public static void batch(String marker) {
    remember(marker);
  }

  @Job(retries = 1)
  public static void alwaysFail(String marker) {
    remember(marker);
    throw new IllegalStateException("boom " + marker);
  }

  public static void withText(String marker, String text) {
    remember(marker);
  }

  public static void recurring() {
    remember("recurring");
  }

  /** Named by the module's {@code ignored-jobs} setting in the surefire configuration. */
  public static void untracedProbe(String marker) {
    remember(marker);
  }

  private static void remember(String marker) {
    CURRENT_SPAN_WHILE_RUNNING.put(marker, Span.current().getSpanContext());
  }
}
