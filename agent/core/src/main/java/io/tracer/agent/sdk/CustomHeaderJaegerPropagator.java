package io.tracer.agent.sdk;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/**
 * Jaeger's header format under names of the user's choosing, as jaeger-client configurations allow
 * ({@code trace_id_header}, {@code baggage_header_prefix}); OpenTelemetry's {@code JaegerPropagator}, used for the
 * default names, has {@code uber-trace-id} and {@code uberctx-} built in. The trace header is
 * {@code trace-id:span-id:parent-span-id:flags} in hex (ids may be shorter than their full length, the value may be
 * percent-encoded); a baggage entry is one header, its name the prefix and the key, its value percent-encoded.
 */
final class CustomHeaderJaegerPropagator implements TextMapPropagator {

  /** Bounds what one request's headers can make us keep, as OpenTelemetry's Jaeger propagator does. */
  private static final int MAX_BAGGAGE_ENTRIES = 64;
  private static final int MAX_BAGGAGE_CHARS = 8192;
  private static final int SAMPLED = 1;
  private static final int DEBUG = 2;

  private final String traceIdHeader;
  private final String baggagePrefix;
  private final Collection<String> fields;

  /** @param traceIdHeader and {@code baggagePrefix}: lower-case HTTP header names, neither empty */
  CustomHeaderJaegerPropagator(String traceIdHeader, String baggagePrefix) {
    this.traceIdHeader = traceIdHeader;
    this.baggagePrefix = baggagePrefix;
    this.fields = Collections.singletonList(traceIdHeader);
  }

  @Override
  public Collection<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (span.isValid()) {
      setter.set(carrier, traceIdHeader,
          span.getTraceId() + ':' + span.getSpanId() + ":0:" + (span.isSampled() ? '1' : '0'));
    }
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty()) {
      return;
    }
    for (Map.Entry<String, BaggageEntry> entry : baggage.asMap().entrySet()) {
      setter.set(carrier, baggagePrefix + entry.getKey(), percentEncoded(entry.getValue().getValue()));
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (carrier == null) {
      return context;
    }
    SpanContext remote = parseTraceHeader(getter.get(carrier, traceIdHeader));
    Context extracted = remote.isValid() ? context.with(Span.wrap(remote)) : context;
    Baggage baggage = baggage(carrier, getter);
    return baggage == null ? extracted : extracted.with(baggage);
  }

  private static SpanContext parseTraceHeader(String header) {
    if (header == null || header.isEmpty()) {
      return SpanContext.getInvalid();
    }
    String value = header.indexOf(':') < 0 ? percentDecoded(header) : header;
    int spanStart = value.indexOf(':') + 1;
    int parentStart = spanStart == 0 ? 0 : value.indexOf(':', spanStart) + 1;
    int flagsStart = parentStart == 0 ? 0 : value.indexOf(':', parentStart) + 1;
    if (flagsStart == 0 || value.indexOf(':', flagsStart) >= 0) {
      return SpanContext.getInvalid();
    }
    String traceId = paddedHex(value, 0, spanStart - 1, TraceId.getLength());
    String spanId = paddedHex(value, spanStart, parentStart - 1, SpanId.getLength());
    int flags = hexFlags(value, flagsStart);
    if (traceId == null || spanId == null || flags < 0 || !TraceId.isValid(traceId) || !SpanId.isValid(spanId)) {
      return SpanContext.getInvalid();
    }
    // a debug trace is one the caller wants kept
    boolean sampled = (flags & (SAMPLED | DEBUG)) != 0;
    return SpanContext.createFromRemoteParent(traceId, spanId,
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
  }

  /** {@code value[start, end)} left-padded with zeros to {@code length}, lower-case; null unless 1 to length hex. */
  private static String paddedHex(String value, int start, int end, int length) {
    int digits = end - start;
    if (digits < 1 || digits > length) {
      return null;
    }
    char[] hex = new char[length];
    int zeros = length - digits;
    for (int i = 0; i < zeros; i++) {
      hex[i] = '0';
    }
    for (int i = 0; i < digits; i++) {
      char c = Character.toLowerCase(value.charAt(start + i));
      if (Character.digit(c, 16) < 0) {
        return null;
      }
      hex[zeros + i] = c;
    }
    return new String(hex);
  }

  /** One or two hex digits; -1 otherwise. */
  private static int hexFlags(String value, int start) {
    int digits = value.length() - start;
    if (digits < 1 || digits > 2) {
      return -1;
    }
    int flags = 0;
    for (int i = start; i < value.length(); i++) {
      int digit = Character.digit(value.charAt(i), 16);
      if (digit < 0) {
        return -1;
      }
      flags = flags * 16 + digit;
    }
    return flags;
  }

  private <C> Baggage baggage(C carrier, TextMapGetter<C> getter) {
    BaggageBuilder builder = null;
    int entries = 0;
    int chars = 0;
    for (String key : getter.keys(carrier)) {
      if (key.length() <= baggagePrefix.length()
          || !key.regionMatches(true, 0, baggagePrefix, 0, baggagePrefix.length())
          || key.equalsIgnoreCase(traceIdHeader)) {
        continue;
      }
      String value = getter.get(carrier, key);
      if (value == null) {
        continue;
      }
      String baggageKey = key.substring(baggagePrefix.length()).toLowerCase(Locale.ROOT);
      chars += baggageKey.length() + value.length();
      if (++entries > MAX_BAGGAGE_ENTRIES || chars > MAX_BAGGAGE_CHARS) {
        break;
      }
      if (builder == null) {
        builder = Baggage.builder();
      }
      builder.put(baggageKey, percentDecoded(value));
    }
    return builder == null ? null : builder.build();
  }

  /** Percent-encoding as jaeger-client libraries write and read it: a space is {@code %20}, not {@code +}. */
  private static String percentEncoded(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8").replace("+", "%20");
    } catch (UnsupportedEncodingException utf8IsAlwaysThere) {
      return value;
    }
  }

  /** Only {@code %xx} escapes are decoded: a {@code +} from a sender that does not encode stays itself. */
  private static String percentDecoded(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), "UTF-8");
    } catch (UnsupportedEncodingException | IllegalArgumentException malformed) {
      return value;
    }
  }

  @Override
  public String toString() {
    return "CustomHeaderJaegerPropagator{" + traceIdHeader + ", " + baggagePrefix + "*}";
  }
}
