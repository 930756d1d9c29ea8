package example.manualspans;

/** No annotation: the smoke test names {@code charge} in otel.instrumentation.methods.include. */
public class PaymentService {

  public String charge(String account, long cents) {
    return "charged " + account + " " + cents;
  }
}
