package example.otelapi;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.extension.annotations.WithSpan;

/** A {@code @WithSpan} method (the agent's span) that adds to its span through the API. */
class Inventory {

  @WithSpan("inventory.check")
  String check(String item) {
    Span.current().setAttribute("app.item", item);
    return Span.current().getSpanContext().getSpanId();
  }
}
