package io.tracer.instrumentation.javahttpclient;

import io.tracer.instrumentation.api.http.ClientExchangeAccessor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

final class JavaHttpClientAccessor implements ClientExchangeAccessor<HttpRequest, HttpResponse<?>> {

  @Override
  public String method(HttpRequest request) {
    return request.method();
  }

  @Override
  public String url(HttpRequest request) {
    return request.uri().toString();
  }

  @Override
  public String serverAddress(HttpRequest request) {
    return request.uri().getHost();
  }

  @Override
  public int serverPort(HttpRequest request) {
    URI uri = request.uri();
    if (uri.getPort() > 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public int statusCode(HttpResponse<?> response) {
    return response.statusCode();
  }
}
