package io.tracer.agent.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded source of propagation header sets: the same seed gives the same sets, so a failure is replayed by its
 * seed and case number. Each trace format ({@code traceparent}, B3 single, B3 multi, Jaeger) is independently absent,
 * valid, <em>broken</em> (changed in a way that makes it invalid for sure: zero ids, a non-hex character in an id,
 * version {@code ff}, a cut) or <em>noisy</em> (changed at random, outcome unknown). Baggage ({@code baggage},
 * {@code uberctx-*}, {@code jaeger-baggage}), {@code tracestate} and unrelated headers come in every size from none
 * to thousands of entries, in ASCII and any Unicode, lone surrogates and control characters included.
 */
final class FuzzedHeaders {

  /** The ids a valid trace header carries, in their canonical form (lower-case, full length). */
  record Ids(String traceId, String spanId) {}

  /** One generated request: its headers (names compared case-insensitively, as HTTP does) and what they promise. */
  record HeaderSet(Map<String, List<String>> headers, List<Ids> validTraceHeaders, boolean anyNoisyTraceHeader) {

    /** Every trace header is absent or broken: only a new trace may result. */
    boolean onlyBrokenTraceHeaders() {
      return validTraceHeaders.isEmpty() && !anyNoisyTraceHeader;
    }

    /** Every present trace header is valid and unchanged, and at least one is present. */
    boolean onlyValidTraceHeaders() {
      return !validTraceHeaders.isEmpty() && !anyNoisyTraceHeader;
    }
  }

  private enum Shape { ABSENT, VALID, BROKEN, NOISY }

  private static final String HEX = "0123456789abcdef";
  private static final String TOKEN_SYMBOLS = "!#$&'*+-.^_`|~";
  /** None of these is a hex digit and none decodes into one ({@code %} is left out for that reason). */
  private static final String[] NOT_HEX = {"g", "G", "z", "x", " ", "-", ":", "\u00e9", "\u0663", "\uff21", "\u0000",
      "\ud83d", "\ud83d\ude00", "\t", ","};

  private final Random random;
  private final String jaegerTraceHeader;
  private final String jaegerBaggagePrefix;

  FuzzedHeaders(long seed, String jaegerTraceHeader, String jaegerBaggagePrefix) {
    this.random = new Random(seed);
    this.jaegerTraceHeader = jaegerTraceHeader;
    this.jaegerBaggagePrefix = jaegerBaggagePrefix;
  }

  HeaderSet next() {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    List<Ids> valid = new ArrayList<>();
    boolean noisy = false;
    noisy |= traceparent(headers, valid);
    noisy |= b3Single(headers, valid);
    noisy |= b3Multi(headers, valid);
    noisy |= jaeger(headers, valid);
    if (chance(0.3)) {
      w3cBaggage(headers);
    }
    if (chance(0.2)) {
      jaegerBaggage(headers);
    }
    if (chance(0.05)) {
      add(headers, "jaeger-baggage", entries(count(), "=", ","));
    }
    int unrelated = chance(0.001) ? 2000 + random.nextInt(8000) : random.nextInt(5);
    for (int i = 0; i < unrelated; i++) {
      add(headers, "x-" + token(1 + random.nextInt(20)), anyText(random.nextInt(50)));
    }
    return new HeaderSet(headers, valid, noisy);
  }

  private boolean traceparent(Map<String, List<String>> headers, List<Ids> valid) {
    Shape shape = shape();
    if (shape == Shape.ABSENT) {
      return false;
    }
    Ids ids = randomIds();
    String flags = chance(0.5) ? "01" : "00";
    String value = "00-" + ids.traceId + "-" + ids.spanId + "-" + flags;
    switch (shape) {
      case VALID -> valid.add(ids);
      case BROKEN -> value = switch (random.nextInt(6)) {
        case 0 -> "00-" + zeros(32) + "-" + ids.spanId + "-" + flags;
        case 1 -> "00-" + ids.traceId + "-" + zeros(16) + "-" + flags;
        case 2 -> "00-" + notHexIn(ids.traceId) + "-" + ids.spanId + "-" + flags;
        case 3 -> "ff-" + ids.traceId + "-" + ids.spanId + "-" + flags;
        case 4 -> value.substring(0, random.nextInt(value.length()));
        default -> value + "-" + anyText(1 + random.nextInt(10_000));
      };
      default -> value = noise(value);
    }
    add(headers, "traceparent", value);
    if (chance(0.5)) {
      add(headers, "tracestate", entries(chance(0.05) ? 30 + random.nextInt(100) : random.nextInt(8), "=", ","));
    }
    return shape == Shape.NOISY;
  }

  private boolean b3Single(Map<String, List<String>> headers, List<Ids> valid) {
    Shape shape = shape();
    if (shape == Shape.ABSENT) {
      return false;
    }
    boolean shortTraceId = chance(0.3);
    Ids ids = shortTraceId ? randomShortTraceIds() : randomIds();
    String sentTraceId = shortTraceId ? ids.traceId.substring(16) : ids.traceId;
    String sampling = switch (random.nextInt(5)) {
      case 0 -> "";
      case 1 -> "-1";
      case 2 -> "-0";
      case 3 -> "-d";
      default -> "-1-" + randomHex(16, true);
    };
    String value = sentTraceId + "-" + ids.spanId + sampling;
    switch (shape) {
      case VALID -> valid.add(ids);
      case BROKEN -> value = switch (random.nextInt(3)) {
        case 0 -> zeros(sentTraceId.length()) + "-" + ids.spanId + sampling;
        case 1 -> sentTraceId + "-" + zeros(16) + sampling;
        default -> notHexIn(sentTraceId) + "-" + ids.spanId + sampling;
      };
      default -> value = noise(value);
    }
    add(headers, "b3", value);
    return shape == Shape.NOISY;
  }

  private boolean b3Multi(Map<String, List<String>> headers, List<Ids> valid) {
    Shape shape = shape();
    if (shape == Shape.ABSENT) {
      return false;
    }
    boolean shortTraceId = chance(0.3);
    Ids ids = shortTraceId ? randomShortTraceIds() : randomIds();
    String traceId = shortTraceId ? ids.traceId.substring(16) : ids.traceId;
    String spanId = ids.spanId;
    switch (shape) {
      case VALID -> valid.add(ids);
      case BROKEN -> {
        switch (random.nextInt(3)) {
          case 0 -> traceId = zeros(traceId.length());
          case 1 -> spanId = zeros(16);
          default -> traceId = notHexIn(traceId);
        }
      }
      default -> {
        traceId = chance(0.5) ? noise(traceId) : traceId;
        spanId = chance(0.5) ? noise(spanId) : spanId;
      }
    }
    add(headers, "X-B3-TraceId", traceId);
    add(headers, "X-B3-SpanId", spanId);
    if (chance(0.7)) {
      add(headers, "X-B3-Sampled", shape == Shape.NOISY ? noise("1") : (chance(0.5) ? "1" : "0"));
    }
    if (chance(0.1)) {
      add(headers, "X-B3-Flags", "1");
    }
    return shape == Shape.NOISY;
  }

  private boolean jaeger(Map<String, List<String>> headers, List<Ids> valid) {
    Shape shape = shape();
    if (shape == Shape.ABSENT) {
      return false;
    }
    Ids ids = randomIds();
    // jaeger-client writes ids without their leading zeros
    String traceId = chance(0.3) ? ids.traceId.replaceFirst("^0+", "") : ids.traceId;
    String spanId = chance(0.3) ? ids.spanId.replaceFirst("^0+", "") : ids.spanId;
    String flags = HEX.charAt(random.nextInt(4)) + "";
    String value = traceId + ":" + spanId + ":0:" + flags;
    switch (shape) {
      case VALID -> {
        valid.add(ids);
        if (chance(0.2)) {
          value = value.replace(":", "%3A");
        }
      }
      case BROKEN -> value = switch (random.nextInt(4)) {
        case 0 -> zeros(traceId.length()) + ":" + spanId + ":0:" + flags;
        case 1 -> traceId + ":" + zeros(spanId.length()) + ":0:" + flags;
        case 2 -> notHexIn(traceId) + ":" + spanId + ":0:" + flags;
        default -> value.substring(0, random.nextInt(value.length()));
      };
      default -> value = noise(value);
    }
    add(headers, jaegerTraceHeader, value);
    return shape == Shape.NOISY;
  }

  private void w3cBaggage(Map<String, List<String>> headers) {
    int headerCount = chance(0.1) ? 2 + random.nextInt(20) : 1;
    for (int i = 0; i < headerCount; i++) {
      String value = entries(count(), "=", chance(0.5) ? "," : ", ");
      add(headers, "baggage", chance(0.1) ? noise(value) : value);
    }
  }

  private void jaegerBaggage(Map<String, List<String>> headers) {
    int count = count();
    for (int i = 0; i < count; i++) {
      String key = chance(0.9) ? token(1 + random.nextInt(30)) : anyText(random.nextInt(30));
      add(headers, jaegerBaggagePrefix + key, value());
    }
  }

  /** Mostly a few; sometimes hundreds; now and then thousands. */
  private int count() {
    double roll = random.nextDouble();
    return roll < 0.95 ? random.nextInt(10) : roll < 0.995 ? 10 + random.nextInt(200) : 1000 + random.nextInt(4000);
  }

  private String entries(int count, String assignment, String separator) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(separator);
      }
      text.append(chance(0.9) ? token(1 + random.nextInt(20)) : anyText(random.nextInt(20)));
      text.append(assignment).append(value());
      if (chance(0.1)) {
        text.append(";").append(token(5)).append(chance(0.5) ? "=" + token(3) : "");
      }
    }
    return text.toString();
  }

  private String value() {
    double roll = random.nextDouble();
    if (roll < 0.6) {
      return token(random.nextInt(30));
    }
    if (roll < 0.8) {
      return "%" + HEX.charAt(random.nextInt(16)) + (chance(0.5) ? HEX.charAt(random.nextInt(16)) + "" : "")
          + token(random.nextInt(10));
    }
    return anyText(roll < 0.998 ? random.nextInt(100) : 5_000 + random.nextInt(20_000));
  }

  /** A random change of unknown effect: a cut, an insertion, a case change, a replaced delimiter, a growth. */
  private String noise(String value) {
    return switch (random.nextInt(8)) {
      case 0 -> value.substring(0, random.nextInt(value.length() + 1));
      case 1 -> insert(value, anyText(1 + random.nextInt(3)));
      case 2 -> value.toUpperCase(Locale.ROOT);
      case 3 -> value.replace(value.indexOf('-') >= 0 ? '-' : ':', randomChar());
      case 4 -> value + anyText(random.nextInt(chance(0.01) ? 70_000 : 100));
      case 5 -> HEX.charAt(random.nextInt(16)) + "" + HEX.charAt(random.nextInt(16)) + value.substring(
          Math.min(2, value.length()));
      case 6 -> anyText(random.nextInt(80));
      default -> value + value;
    };
  }

  private String insert(String value, String inserted) {
    int at = random.nextInt(value.length() + 1);
    return value.substring(0, at) + inserted + value.substring(at);
  }

  /** {@code hex} with one character replaced by one that no parser reads as a hex digit. */
  private String notHexIn(String hex) {
    int at = random.nextInt(hex.length());
    return hex.substring(0, at) + NOT_HEX[random.nextInt(NOT_HEX.length)] + hex.substring(at + 1);
  }

  private Ids randomIds() {
    return new Ids(randomHex(32, true), randomHex(16, true));
  }

  /** A 64-bit B3 trace id, in the canonical form a propagator pads it to. */
  private Ids randomShortTraceIds() {
    return new Ids(zeros(16) + randomHex(16, true), randomHex(16, true));
  }

  private String randomHex(int length, boolean notAllZeros) {
    char[] hex = new char[length];
    for (int i = 0; i < length; i++) {
      hex[i] = HEX.charAt(random.nextInt(16));
    }
    if (notAllZeros) {
      hex[random.nextInt(length)] = HEX.charAt(1 + random.nextInt(15));
    }
    return new String(hex);
  }

  private static String zeros(int length) {
    return "0".repeat(length);
  }

  private String token(int length) {
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(36 + TOKEN_SYMBOLS.length());
      token.append(pick < 26 ? (char) ('a' + pick) : pick < 36 ? (char) ('0' + pick - 26)
          : TOKEN_SYMBOLS.charAt(pick - 36));
    }
    return token.toString();
  }

  private String anyText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(randomChar());
    }
    return text.toString();
  }

  /** ASCII most of the time, else Latin-1, CJK, a lone surrogate, a control character or a delimiter. */
  private char randomChar() {
    double roll = random.nextDouble();
    if (roll < 0.7) {
      return (char) (0x20 + random.nextInt(0x5f));
    }
    if (roll < 0.8) {
      return (char) (0xa0 + random.nextInt(0x60));
    }
    if (roll < 0.88) {
      return (char) (0x4e00 + random.nextInt(0x5000));
    }
    if (roll < 0.94) {
      return (char) (0xd800 + random.nextInt(0x800));
    }
    if (roll < 0.97) {
      return (char) random.nextInt(0x20);
    }
    return ",;=:-%".charAt(random.nextInt(6));
  }

  private Shape shape() {
    double roll = random.nextDouble();
    return roll < 0.4 ? Shape.ABSENT : roll < 0.65 ? Shape.VALID : roll < 0.85 ? Shape.BROKEN : Shape.NOISY;
  }

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private static void add(Map<String, List<String>> headers, String name, String value) {
    headers.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value);
  }
}
