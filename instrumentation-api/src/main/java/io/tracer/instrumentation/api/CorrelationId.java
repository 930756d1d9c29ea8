package io.tracer.instrumentation.api;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.UUID;

/**
 * A request's correlation id: taken from an incoming header (or made up when configured), kept as a baggage entry
 * so that the baggage propagator carries it to every outgoing call and message, and copied from there onto spans
 * and into log context.
 */
public final class CorrelationId {

  public static final String BAGGAGE_KEY = "correlation_id";
  public static final AttributeKey<String> SPAN_ATTRIBUTE = AttributeKey.stringKey("correlation.id");
  static final String HEADER_KEY = "otel.correlation-id.header";
  static final String GENERATE_KEY = "otel.correlation-id.generate";
  private static final String DEFAULT_HEADER = "X-Correlation-ID";
  /** A longer header value is someone else's data, not an id: it is not propagated. */
  private static final int MAX_LENGTH = 256;

  /** The incoming header's name, {@code null} when reading it is switched off. */
  private final String header;
  private final boolean generate;

  private CorrelationId(String header, boolean generate) {
    this.header = header;
    this.generate = generate;
  }

  /** {@code otel.correlation-id.header} ({@code none} switches the header off) and {@code .generate}. */
  public static CorrelationId configured(TracerConfig config) {
    String header = config.getString(HEADER_KEY, DEFAULT_HEADER);
    return new CorrelationId(header.equalsIgnoreCase("none") ? null : header, config.getBoolean(GENERATE_KEY, false));
  }

  /** The header to read, {@code null} when none is. */
  public String header() {
    return header;
  }

  /**
   * The context a server request runs in: {@code extracted} with the correlation id of {@code headerValue}, else
   * the one that came in baggage, else a new one when generating is on; unchanged when there is none.
   */
  public Context apply(Context extracted, String headerValue) {
    String value = usable(headerValue);
    Baggage baggage = Baggage.fromContext(extracted);
    if (value == null) {
      if (!generate || baggage.getEntryValue(BAGGAGE_KEY) != null) {
        return extracted;
      }
      value = UUID.randomUUID().toString();
    }
    return extracted.with(baggage.toBuilder().put(BAGGAGE_KEY, value).build());
  }

  /** The correlation id of {@code context}, {@code null} when it has none. */
  public static String of(Context context) {
    return Baggage.fromContext(context).getEntryValue(BAGGAGE_KEY);
  }

  private static String usable(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    String trimmed = headerValue.trim();
    return trimmed.isEmpty() || trimmed.length() > MAX_LENGTH ? null : trimmed;
  }
}
