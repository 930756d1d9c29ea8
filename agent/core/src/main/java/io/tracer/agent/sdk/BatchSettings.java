package io.tracer.agent.sdk;

import io.tracer.instrumentation.api.config.TracerConfig;

/** {@code otel.bsp.*}: how spans are queued and batched on their way to an exporter; the specification's defaults. */
final class BatchSettings {

  static final String MAX_QUEUE_SIZE_KEY = "otel.bsp.max.queue.size";
  private static final String MAX_BATCH_SIZE_KEY = "otel.bsp.max.export.batch.size";
  private static final int LARGEST_QUEUE = 1 << 24;

  final long scheduleDelayMillis;
  final int maxQueueSize;
  final int maxExportBatchSize;
  final long exportTimeoutMillis;

  private BatchSettings(long scheduleDelayMillis, int maxQueueSize, int maxExportBatchSize,
      long exportTimeoutMillis) {
    this.scheduleDelayMillis = scheduleDelayMillis;
    this.maxQueueSize = maxQueueSize;
    this.maxExportBatchSize = maxExportBatchSize;
    this.exportTimeoutMillis = exportTimeoutMillis;
  }

  static BatchSettings from(TracerConfig config) {
    long scheduleDelay = config.getDurationMillis("otel.bsp.schedule.delay", 5000);
    int queueSize = config.getInt(MAX_QUEUE_SIZE_KEY, 2048, 1, LARGEST_QUEUE);
    int batchSize = config.getInt(MAX_BATCH_SIZE_KEY, Math.min(512, queueSize), 1, LARGEST_QUEUE);
    if (batchSize > queueSize) {
      config.problems().invalidValue(MAX_BATCH_SIZE_KEY, config.getString(MAX_BATCH_SIZE_KEY),
          "at most " + MAX_QUEUE_SIZE_KEY + " (" + queueSize + ")", queueSize);
      batchSize = queueSize;
    }
    long exportTimeout = config.getDurationMillis("otel.bsp.export.timeout", 30_000);
    return new BatchSettings(scheduleDelay, queueSize, batchSize, exportTimeout);
  }
}
