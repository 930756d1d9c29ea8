package io.tracer.agent.sdk;

/**
 * The failure of an export that delivered only part of its batch, carrying how many spans did not go out and why,
 * so that {@link LossReportingSpanExporter} counts those and not the whole batch.
 */
final class SpansLostException extends Exception {

  private static final long serialVersionUID = 1L;

  private final long spans;

  /** @param reason why, as a phrase that reads after "because" */
  SpansLostException(long spans, String reason) {
    super(reason, null, false, false);
    this.spans = spans;
  }

  long spans() {
    return spans;
  }
}
