package example.methods;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.concurrent.CompletableFuture;

public class Annotated {

  @WithSpan
  public String plain() {
    return "plain";
  }

  @WithSpan(value = "send order", kind = SpanKind.PRODUCER)
  public void named(@SpanAttribute("order.id") long orderId, @SpanAttribute String customer,
      @SpanAttribute("order.express") boolean express, @SpanAttribute("order.total") double total,
      @SpanAttribute("order.note") String note, String notAnAttribute) {}

  @WithSpan(inheritContext = false)
  public void detached() {}

  @WithSpan
  public void failing() {
    throw new IllegalStateException("annotated failure");
  }

  @WithSpan
  public CompletableFuture<String> later(CompletableFuture<String> result) {
    return result;
  }

  @WithSpan
  public String outer() {
    return plain();
  }

  @io.opentelemetry.extension.annotations.WithSpan("legacy span")
  public void legacy(@io.opentelemetry.extension.annotations.SpanAttribute("legacy.value") String value) {}

  public void notAnnotated() {}
}
