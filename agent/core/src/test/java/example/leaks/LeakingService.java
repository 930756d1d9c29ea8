package example.leaks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import java.lang.ref.WeakReference;

/**
 * Application code that starts spans and never ends them, outside the agent's packages, as the frames of a real
 * leak are: the reports must point here.
 */
public final class LeakingService {

  private final Tracer tracer;

  public LeakingService(Tracer tracer) {
    this.tracer = tracer;
  }

  /** @return a span the caller holds and never ends */
  public Span startAndKeep(String name) {
    return tracer.spanBuilder(name).startSpan();
  }

  /** @return the forgotten span, weakly, so that the caller can tell when it has been collected */
  public WeakReference<Span> startAndForget(String name, SpanKind kind) {
    Span span = tracer.spanBuilder(name).setSpanKind(kind).startSpan();
    return new WeakReference<>(span);
  }
}
