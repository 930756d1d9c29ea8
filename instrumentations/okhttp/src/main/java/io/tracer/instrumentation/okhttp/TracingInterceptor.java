package io.tracer.instrumentation.okhttp;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.tracer.instrumentation.api.http.HttpClientTracer;
import java.io.IOException;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The CLIENT span of one OkHttp call. Added last to the application interceptors, so it sees the request as the
 * application's own interceptors left it, and the redirects and retries OkHttp makes below it share its headers.
 */
final class TracingInterceptor implements Interceptor {

  private static final OkHttpAccessor ACCESSOR = new OkHttpAccessor();
  private static final HttpClientTracer<Request, Response> TRACER = new HttpClientTracer<>(OkHttpModule.NAME, ACCESSOR);
  private static final TracingInterceptor INSTANCE = new TracingInterceptor();

  /** Once per builder: {@code client.newBuilder()} copies the interceptor along with the others. */
  static void addTo(OkHttpClient.Builder builder) {
    List<Interceptor> interceptors = builder.interceptors();
    for (Interceptor interceptor : interceptors) {
      if (interceptor instanceof TracingInterceptor) {
        return;
      }
    }
    interceptors.add(INSTANCE);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context context = start(chain, request);
    if (context == null) {
      return chain.proceed(request);
    }
    Response response;
    try (Scope ignored = context.makeCurrent()) {
      response = chain.proceed(propagating(context, request));
    } catch (IOException | RuntimeException | Error failure) {
      end(context, null, failure);
      throw failure;
    }
    end(context, response, null);
    return response;
  }

  /** @return the span's context, or {@code null} when this call gets none (nested, or the tracer failed) */
  private static Context start(Chain chain, Request request) {
    try {
      Context enqueuedIn = AsyncCalls.callerContext(chain.call());
      return TRACER.start(enqueuedIn != null ? enqueuedIn : Context.current(), request);
    } catch (Throwable tracerFailure) {
      return null;
    }
  }

  private static Request propagating(Context context, Request request) {
    try {
      if (!TRACER.propagatesTo(request)) {
        return request;
      }
      Request.Builder builder = request.newBuilder();
      TRACER.inject(context, request, builder, ACCESSOR);
      return builder.build();
    } catch (Throwable tracerFailure) {
      return request;
    }
  }

  private static void end(Context context, Response response, Throwable failure) {
    try {
      TRACER.end(context, response, failure);
    } catch (Throwable tracerFailure) {
      // the application's call goes on as it went
    }
  }
}
