package example.manualspans;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

final class CheckoutServlet extends HttpServlet {

  private final Checkout checkout;

  CheckoutServlet(Checkout checkout) {
    this.checkout = checkout;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setContentType("text/plain");
    response.getWriter().write(checkout.placeOrder(request.getParameter("cart"), 1250));
  }
}
