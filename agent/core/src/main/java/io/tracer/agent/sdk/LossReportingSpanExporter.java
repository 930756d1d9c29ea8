package io.tracer.agent.sdk;

import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Sits between a {@code BatchSpanProcessor} and its exporter, on the processor's worker thread, and tells
 * {@link ExportLossLog} about every span that does not arrive: those the processor dropped from its full queue since
 * the previous batch, those of batches the exporter failed to deliver (collector down, timeout, error answer), and
 * those an exporter says it could not send out of a batch it otherwise delivered ({@link SpansLostException}).
 */
final class LossReportingSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final QueueFullDropCounter drops;
  private final ExportLossLog lossLog;
  private final String queueFullReason;

  LossReportingSpanExporter(SpanExporter delegate, QueueFullDropCounter drops, ExportLossLog lossLog,
      int maxQueueSize) {
    this.delegate = delegate;
    this.drops = drops;
    this.lossLog = lossLog;
    this.queueFullReason = "the export queue was full (" + BatchSettings.MAX_QUEUE_SIZE_KEY + "=" + maxQueueSize
        + "); spans end faster than they can be sent";
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    long dropped = drops.takeDropped();
    lossLog.lost(dropped, queueFullReason);
    // under sustained overload every batch follows drops: only a batch that none preceded proves recovery
    final boolean nothingDropped = dropped == 0;
    final int batchSize = spans.size();
    final CompletableResultCode result;
    try {
      result = delegate.export(spans);
    } catch (RuntimeException failure) {
      lossLog.lost(batchSize, "export failed: " + failure);
      return CompletableResultCode.ofFailure();
    }
    result.whenComplete(new Runnable() {
      @Override
      public void run() {
        if (result.isSuccess()) {
          if (nothingDropped) {
            lossLog.delivered();
          }
        } else if (result.getFailureThrowable() instanceof SpansLostException) {
          SpansLostException partial = (SpansLostException) result.getFailureThrowable();
          lossLog.lost(partial.spans(), partial.getMessage());
        } else {
          lossLog.lost(batchSize, "export failed: " + describe(result.getFailureThrowable()));
        }
      }
    });
    return result;
  }

  /** The status the collector answered, or what kept the request from getting an answer. */
  private static String describe(Throwable failure) {
    if (failure instanceof FailedExportException.HttpExportException) {
      HttpResponse response = ((FailedExportException.HttpExportException) failure).getResponse();
      if (response != null) {
        return "HTTP " + response.getStatusCode() + " " + response.getStatusMessage();
      }
    } else if (failure instanceof FailedExportException.GrpcExportException) {
      GrpcResponse response = ((FailedExportException.GrpcExportException) failure).getResponse();
      if (response != null) {
        String description = response.getStatusDescription();
        return "gRPC status " + response.getStatusCode() + (description == null ? "" : " " + description);
      }
    }
    Throwable cause = failure != null && failure.getCause() != null ? failure.getCause() : failure;
    return cause == null ? "no reason given" : cause.toString();
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    lossLog.lost(drops.takeDropped(), queueFullReason);
    lossLog.close();
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
