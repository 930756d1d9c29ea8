package io.tracer.agent.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import zipkin2.reporter.BytesMessageSender;
import zipkin2.reporter.Encoding;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/**
 * OpenTelemetry's Zipkin exporter sending with the JDK's HttpURLConnection (not OkHttp). That exporter fails a batch
 * without saying why; its sender here keeps the reason, so that the loss report names the collector's answer or the
 * connection error. The exporter sends synchronously, on the batch processor's worker thread.
 */
// deprecated with the specification's Zipkin exporter section; 1.63.0 is its last release, and runs on SDK 1.67
@SuppressWarnings("deprecation")
final class ZipkinExporter implements SpanExporter {

  private final ReasonKeepingSender sender;
  private final ZipkinSpanExporter delegate;

  ZipkinExporter(String endpoint, int timeoutMillis) {
    sender = new ReasonKeepingSender(URLConnectionSender.newBuilder()
        .endpoint(endpoint)
        .connectTimeout(timeoutMillis)
        .readTimeout(timeoutMillis)
        .build());
    delegate = ZipkinSpanExporter.builder()
        .setSender(sender)
        .setEndpoint(endpoint)
        // self-monitoring metrics would otherwise go to GlobalOpenTelemetry, which belongs to the application
        .setMeterProvider(MeterProvider.noop())
        .build();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = delegate.export(spans);
    Throwable reason = sender.takeFailure();
    return result.isDone() && !result.isSuccess() && reason != null
        ? CompletableResultCode.ofExceptionalFailure(reason) : result;
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /** Remembers why the last send failed; only the batch processor's worker thread sends. */
  private static final class ReasonKeepingSender implements BytesMessageSender {
    private final BytesMessageSender delegate;
    private volatile Throwable failure;

    ReasonKeepingSender(BytesMessageSender delegate) {
      this.delegate = delegate;
    }

    Throwable takeFailure() {
      Throwable taken = failure;
      failure = null;
      return taken;
    }

    @Override
    public Encoding encoding() {
      return delegate.encoding();
    }

    @Override
    public int messageMaxBytes() {
      return delegate.messageMaxBytes();
    }

    @Override
    public int messageSizeInBytes(List<byte[]> encodedSpans) {
      return delegate.messageSizeInBytes(encodedSpans);
    }

    @Override
    public int messageSizeInBytes(int encodedSizeInBytes) {
      return delegate.messageSizeInBytes(encodedSizeInBytes);
    }

    @Override
    public void send(List<byte[]> encodedSpans) throws IOException {
      try {
        delegate.send(encodedSpans);
      } catch (IOException | RuntimeException sendFailed) {
        failure = sendFailed;
        throw sendFailed;
      }
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
