package io.tracer.agent.sdk;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.internal.InstrumentationUtil;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Sends spans to a Jaeger collector's HTTP endpoint ({@code /api/traces}) as one Thrift {@code Batch} per request,
 * in the binary protocol, with the JDK's HTTP client. Runs on the batch processor's worker thread, which waits for
 * the answer: the connect and read timeouts bound that wait.
 */
final class JaegerCollectorExporter implements SpanExporter {

  private static final String CONTENT_TYPE = "application/x-thrift";

  private final URL endpoint;
  private final int timeoutMillis;
  private volatile boolean shutdown;

  JaegerCollectorExporter(URL endpoint, int timeoutMillis) {
    this.endpoint = endpoint;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    if (shutdown) {
      return CompletableResultCode.ofFailure();
    }
    for (Map.Entry<Resource, List<SpanData>> group : JaegerThriftEncoder.byResource(spans).entrySet()) {
      Throwable failure = post(batch(group.getKey(), group.getValue()));
      if (failure != null) {
        return CompletableResultCode.ofExceptionalFailure(failure);
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  private static byte[] batch(Resource resource, List<SpanData> spans) {
    ThriftBinaryWriter out = new ThriftBinaryWriter();
    out.structBegin();
    out.fieldStruct(1);
    JaegerThriftEncoder.writeProcess(out, resource);
    out.fieldStructList(2, spans.size());
    for (SpanData span : spans) {
      JaegerThriftEncoder.writeSpan(out, span);
    }
    out.structEnd();
    return out.toByteArray();
  }

  /** @return why the collector did not take the batch, or null when it did */
  private Throwable post(final byte[] body) {
    final Throwable[] failure = new Throwable[1];
    // our own request must not be traced by an HTTP client instrumentation, or every export would make a span
    InstrumentationUtil.suppressInstrumentation(new Runnable() {
      @Override
      public void run() {
        try {
          failure[0] = send(body);
        } catch (IOException | RuntimeException unreachable) {
          failure[0] = unreachable;
        }
      }
    });
    return failure[0];
  }

  private Throwable send(byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) endpoint.openConnection();
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setRequestMethod("POST");
    connection.setRequestProperty("Content-Type", CONTENT_TYPE);
    connection.setDoOutput(true);
    connection.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    final int status = connection.getResponseCode();
    final String message = connection.getResponseMessage();
    // read to the end, so that the connection goes back to the JDK's keep-alive cache
    drain(status < 400 ? connection.getInputStream() : connection.getErrorStream());
    if (status >= 200 && status < 300) {
      return null;
    }
    return FailedExportException.httpFailedWithResponse(new HttpResponse() {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      public String getStatusMessage() {
        return message == null ? "" : message;
      }

      @Override
      public byte[] getResponseBody() {
        return new byte[0];
      }
    });
  }

  private static void drain(InputStream in) throws IOException {
    if (in == null) {
      return;
    }
    try (InputStream body = in) {
      byte[] buffer = new byte[1024];
      while (body.read(buffer) != -1) {
        // discarded: a collector's answer has nothing we use
      }
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    return "JaegerCollectorExporter{" + endpoint + "}";
  }
}
