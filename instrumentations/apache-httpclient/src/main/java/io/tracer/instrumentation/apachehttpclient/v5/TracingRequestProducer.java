package io.tracer.instrumentation.apachehttpclient.v5;

import io.opentelemetry.context.Context;
import java.io.IOException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** The application's request producer, whose request gets the span started and the headers set on its way out. */
final class TracingRequestProducer implements AsyncRequestProducer {

  private final AsyncRequestProducer delegate;
  private final AsyncExchange exchange;

  TracingRequestProducer(AsyncRequestProducer delegate, AsyncExchange exchange) {
    this.delegate = delegate;
    this.exchange = exchange;
  }

  @Override
  public void sendRequest(final RequestChannel channel, HttpContext context) throws HttpException, IOException {
    delegate.sendRequest(new RequestChannel() {
      @Override
      public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext httpContext)
          throws HttpException, IOException {
        startAndInject(request);
        channel.sendRequest(request, entityDetails, httpContext);
      }
    }, context);
  }

  private void startAndInject(HttpRequest request) {
    try {
      ApacheRequest described = new ApacheRequest(exchange.target, request);
      Context context = exchange.start(described);
      if (context != null) {
        AsyncExchange.TRACER.inject(context, described, request, AsyncExchange.ACCESSOR);
      }
    } catch (Throwable tracerFailure) {
      // the request goes out as the application made it
    }
  }

  @Override
  public boolean isRepeatable() {
    return delegate.isRepeatable();
  }

  @Override
  public void failed(Exception cause) {
    delegate.failed(cause);
  }

  @Override
  public int available() {
    return delegate.available();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    delegate.produce(channel);
  }

  @Override
  public void releaseResources() {
    delegate.releaseResources();
  }
}
