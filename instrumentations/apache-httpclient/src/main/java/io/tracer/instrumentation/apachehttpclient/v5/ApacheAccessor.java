package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.http.ClientExchangeAccessor;
import io.tracer.instrumentation.apachehttpclient.RequestTarget;
import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

final class ApacheAccessor
    implements ClientExchangeAccessor<ApacheRequest, HttpResponse>, TextMapSetter<HttpRequest> {

  @Override
  public String method(ApacheRequest exchange) {
    return exchange.request.getMethod();
  }

  @Override
  public String url(ApacheRequest exchange) {
    String origin = exchange.target == null ? null : exchange.target.toURI();
    URI uri = uri(exchange.request);
    return RequestTarget.absoluteUrl(origin, uri != null ? uri.toString() : exchange.request.getRequestUri());
  }

  @Override
  public String serverAddress(ApacheRequest exchange) {
    if (exchange.target != null) {
      return exchange.target.getHostName();
    }
    URI uri = uri(exchange.request);
    return uri == null ? null : uri.getHost();
  }

  @Override
  public int serverPort(ApacheRequest exchange) {
    if (exchange.target != null) {
      return RequestTarget.portOrDefault(exchange.target.getPort(), exchange.target.getSchemeName());
    }
    URI uri = uri(exchange.request);
    return uri == null ? -1 : RequestTarget.portOrDefault(uri.getPort(), uri.getScheme());
  }

  @Override
  public int statusCode(HttpResponse response) {
    return response.getCode();
  }

  @Override
  public void set(HttpRequest request, String key, String value) {
    if (request != null) {
      request.setHeader(key, value);
    }
  }

  private static URI uri(HttpRequest request) {
    try {
      return request.getUri();
    } catch (URISyntaxException unparsable) {
      return null;
    }
  }
}
