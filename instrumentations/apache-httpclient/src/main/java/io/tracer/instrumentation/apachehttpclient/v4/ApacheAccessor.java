package io.tracer.instrumentation.apachehttpclient.v4;

import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.http.ClientExchangeAccessor;
import io.tracer.instrumentation.apachehttpclient.RequestTarget;
import java.net.URI;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpUriRequest;

final class ApacheAccessor implements ClientExchangeAccessor<ApacheRequest, HttpResponse>, TextMapSetter<HttpRequest> {

  @Override
  public String method(ApacheRequest exchange) {
    return exchange.request.getRequestLine().getMethod();
  }

  @Override
  public String url(ApacheRequest exchange) {
    return RequestTarget.absoluteUrl(exchange.target == null ? null : exchange.target.toURI(), uri(exchange.request));
  }

  @Override
  public String serverAddress(ApacheRequest exchange) {
    if (exchange.target != null) {
      return exchange.target.getHostName();
    }
    return exchange.request instanceof HttpUriRequest ? ((HttpUriRequest) exchange.request).getURI().getHost() : null;
  }

  @Override
  public int serverPort(ApacheRequest exchange) {
    if (exchange.target != null) {
      return RequestTarget.portOrDefault(exchange.target.getPort(), exchange.target.getSchemeName());
    }
    if (exchange.request instanceof HttpUriRequest) {
      URI uri = ((HttpUriRequest) exchange.request).getURI();
      return RequestTarget.portOrDefault(uri.getPort(), uri.getScheme());
    }
    return -1;
  }

  @Override
  public int statusCode(HttpResponse response) {
    return response.getStatusLine().getStatusCode();
  }

  @Override
  public void set(HttpRequest request, String key, String value) {
    if (request != null) {
      request.setHeader(key, value);
    }
  }

  private static String uri(HttpRequest request) {
    return request instanceof HttpUriRequest
        ? ((HttpUriRequest) request).getURI().toString()
        : request.getRequestLine().getUri();
  }
}
