package io.tracer.smoke.app.javax;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

/** A filter on every path that only passes the request on: a filter must not add a span of its own. */
final class PassThroughFilter implements Filter {

  // javax.servlet 3.1 (Jetty 9.4) has no default methods: init and destroy must be there
  @Override
  public void init(FilterConfig config) {
    // nothing to set up
  }

  @Override
  public void destroy() {
    // nothing to release
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, response);
  }
}
