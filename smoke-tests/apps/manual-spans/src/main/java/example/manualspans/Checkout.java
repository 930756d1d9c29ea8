package example.manualspans;

import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

public class Checkout {

  private final PaymentService payments;

  Checkout(PaymentService payments) {
    this.payments = payments;
  }

  @WithSpan("place order")
  public String placeOrder(@SpanAttribute("cart.id") String cartId, @SpanAttribute("order.total_cents") long cents) {
    return payments.charge(cartId, cents);
  }
}
