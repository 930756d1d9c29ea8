package io.tracer.instrumentation.okhttp;

import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.http.ClientExchangeAccessor;
import okhttp3.Request;
import okhttp3.Response;

final class OkHttpAccessor implements ClientExchangeAccessor<Request, Response>, TextMapSetter<Request.Builder> {

  @Override
  public String method(Request request) {
    return request.method();
  }

  @Override
  public String url(Request request) {
    return request.url().toString();
  }

  @Override
  public String serverAddress(Request request) {
    return request.url().host();
  }

  @Override
  public int serverPort(Request request) {
    return request.url().port();
  }

  @Override
  public int statusCode(Response response) {
    return response.code();
  }

  @Override
  public void set(Request.Builder builder, String key, String value) {
    if (builder != null) {
      builder.header(key, value);
    }
  }
}
