package io.tracer.instrumentation.javahttpclient;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * An {@link HttpRequest}'s headers cannot change, so the request is rebuilt with the propagation headers: by
 * {@code HttpRequest.newBuilder(request, filter)} where it exists (Java 16+), an exact copy; field by field before.
 */
final class PropagatingRequests {

  private static final TextMapSetter<HttpRequest.Builder> SETTER = HttpRequest.Builder::setHeader;
  private static final BiPredicate<String, String> ALL_HEADERS = (name, value) -> true;
  private static final MethodHandle COPYING_BUILDER = copyingBuilder();

  private PropagatingRequests() {}

  static HttpRequest withPropagation(HttpClientTracer<HttpRequest, HttpResponse<?>> tracer, Context context,
      HttpRequest request) throws Throwable {
    if (!tracer.propagatesTo(request)) {
      return request;
    }
    HttpRequest.Builder builder = copyOf(request);
    tracer.inject(context, request, builder, SETTER);
    return builder.build();
  }

  private static HttpRequest.Builder copyOf(HttpRequest request) throws Throwable {
    if (COPYING_BUILDER != null) {
      return (HttpRequest.Builder) COPYING_BUILDER.invokeExact(request, ALL_HEADERS);
    }
    return copyFieldByField(request);
  }

  /** Before Java 16: everything a request carries, through the public builder. */
  static HttpRequest.Builder copyFieldByField(HttpRequest request) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri()).expectContinue(request.expectContinue());
    if (request.bodyPublisher().isPresent()) {
      builder.method(request.method(), request.bodyPublisher().get());
    } else if (request.method().equals("GET")) {
      builder.GET();
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    request.timeout().ifPresent(builder::timeout);
    request.version().ifPresent(builder::version);
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    return builder;
  }

  private static MethodHandle copyingBuilder() {
    try {
      return MethodHandles.publicLookup().findStatic(HttpRequest.class, "newBuilder",
          MethodType.methodType(HttpRequest.Builder.class, HttpRequest.class, BiPredicate.class));
    } catch (ReflectiveOperationException beforeJava16) {
      return null;
    }
  }
}
