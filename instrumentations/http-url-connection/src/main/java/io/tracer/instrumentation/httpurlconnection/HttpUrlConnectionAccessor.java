package io.tracer.instrumentation.httpurlconnection;

import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.http.ClientExchangeAccessor;
import java.net.HttpURLConnection;
import java.net.URL;

/** The response is the status code the connection reports. */
final class HttpUrlConnectionAccessor
    implements ClientExchangeAccessor<HttpURLConnection, Integer>, TextMapSetter<HttpURLConnection> {

  @Override
  public String method(HttpURLConnection connection) {
    return connection.getRequestMethod();
  }

  @Override
  public String url(HttpURLConnection connection) {
    return connection.getURL().toString();
  }

  @Override
  public String serverAddress(HttpURLConnection connection) {
    return connection.getURL().getHost();
  }

  @Override
  public int serverPort(HttpURLConnection connection) {
    URL url = connection.getURL();
    return url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
  }

  @Override
  public int statusCode(Integer status) {
    return status;
  }

  @Override
  public void set(HttpURLConnection connection, String key, String value) {
    if (connection != null) {
      connection.setRequestProperty(key, value);
    }
  }
}
