package example.methods;

public class PaymentService {

  public String charge(String account) {
    return charge(account, 1);
  }

  public String charge(String account, int cents) {
    if (cents < 0) {
      throw new IllegalArgumentException("negative amount");
    }
    return "charged " + account + " " + cents;
  }

  public void refund() {}

  public void audit() {}
}
