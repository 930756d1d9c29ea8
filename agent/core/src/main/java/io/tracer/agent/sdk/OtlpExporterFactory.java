package io.tracer.agent.sdk;

import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The OTLP exporter, configured as the OpenTelemetry specification says: {@code otel.exporter.otlp.traces.*} wins over
 * {@code otel.exporter.otlp.*}; a generic HTTP endpoint gets {@code /v1/traces} appended, a traces-specific one is
 * used as written. Every bad value is reported once and replaced by its default; an exporter is always there.
 * {@link Settings} reads the same keys for the metric exporter ({@link OtlpMetricExporterFactory}).
 */
final class OtlpExporterFactory {

  private static final String GENERIC = "otel.exporter.otlp.";
  private static final String HTTP_PROTOBUF = "http/protobuf";
  private static final String GRPC = "grpc";
  private static final List<String> PROTOCOLS = Arrays.asList(HTTP_PROTOBUF, GRPC);
  private static final List<String> COMPRESSIONS = Arrays.asList("gzip", "none");
  private static final String DEFAULT_HTTP_BASE = "http://localhost:4318/";
  private static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";
  private static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  private static final String ACCEPTED_ENDPOINT = "an http:// or https:// URL without query or fragment";

  private OtlpExporterFactory() {}

  /** Reads and checks the settings now, so mistakes are told at start; the exporter itself is built on first use. */
  static RemoteExporter create(TracerConfig config) {
    final Settings settings = Settings.read(config, "traces");
    final ConfigProblems problems = config.problems();
    SpanExporter deferred = new DeferredSpanExporter(new Supplier<SpanExporter>() {
      @Override
      public SpanExporter get() {
        return build(settings, problems);
      }
    });
    return new RemoteExporter(deferred, settings.endpoint);
  }

  private static SpanExporter build(Settings settings, ConfigProblems problems) {
    try {
      return settings.http ? httpExporter(settings) : grpcExporter(settings);
    } catch (RuntimeException rejected) {
      // a certificate the TLS layer cannot parse, typically: export still works without it, over plain defaults
      problems.problem("otlp-exporter", "the OTLP exporter rejected its settings (" + rejected.getMessage()
          + "); exporting to " + settings.endpoint + " with default settings");
      return settings.http ? defaultHttpExporter(settings.endpoint) : defaultGrpcExporter(settings.endpoint);
    }
  }

  private static SpanExporter defaultHttpExporter(String endpoint) {
    return OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setMeterProvider(MeterProvider.noop()).build();
  }

  private static SpanExporter defaultGrpcExporter(String endpoint) {
    return OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).setMeterProvider(MeterProvider.noop()).build();
  }

  private static SpanExporter httpExporter(Settings settings) {
    OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder()
        .setEndpoint(settings.endpoint)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.compression)
        // self-monitoring metrics would otherwise go to GlobalOpenTelemetry, which belongs to the application
        .setMeterProvider(MeterProvider.noop());
    for (Map.Entry<String, String> header : settings.headers.entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    if (settings.trustedCertificates != null) {
      builder.setTrustedCertificates(settings.trustedCertificates);
    }
    if (settings.clientKeyAndCertificate != null) {
      builder.setClientTls(settings.clientKeyAndCertificate[0], settings.clientKeyAndCertificate[1]);
    }
    if (settings.retryDisabled) {
      builder.setRetryPolicy(null);
    }
    return builder.build();
  }

  private static SpanExporter grpcExporter(Settings settings) {
    OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder()
        .setEndpoint(settings.endpoint)
        .setTimeout(settings.timeoutMillis, TimeUnit.MILLISECONDS)
        .setCompression(settings.compression)
        .setMeterProvider(MeterProvider.noop());
    for (Map.Entry<String, String> header : settings.headers.entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    if (settings.trustedCertificates != null) {
      builder.setTrustedCertificates(settings.trustedCertificates);
    }
    if (settings.clientKeyAndCertificate != null) {
      builder.setClientTls(settings.clientKeyAndCertificate[0], settings.clientKeyAndCertificate[1]);
    }
    if (settings.retryDisabled) {
      builder.setRetryPolicy(null);
    }
    return builder.build();
  }

  /** The URL the spans are sent to, exactly as the exporter will use it. */
  private static String endpoint(TracerConfig config, String signalPrefix, String signalPath, boolean http) {
    String fallback = http ? DEFAULT_HTTP_BASE + signalPath : DEFAULT_GRPC_ENDPOINT;
    String generic = validEndpoint(config, GENERIC + "endpoint", fallback);
    if (generic != null) {
      fallback = http ? withSignalPath(generic, signalPath) : generic;
    }
    String specific = validEndpoint(config, signalPrefix + "endpoint", fallback);
    return specific != null ? specific : fallback;
  }

  /** The value of {@code key} if it is an http(s) URL the exporters accept; else null, reported when set. */
  static String validEndpoint(TracerConfig config, String key, String usedInstead) {
    String value = config.getString(key);
    if (value == null) {
      return null;
    }
    try {
      // the exporter parses it as a URI (so no spaces), our check as a URL (so hosts such as 1password.local pass)
      new URI(value);
      URL url = new URL(value);
      boolean httpScheme = "http".equals(url.getProtocol()) || "https".equals(url.getProtocol());
      if (httpScheme && !url.getHost().isEmpty() && url.getQuery() == null && url.getRef() == null) {
        return value;
      }
    } catch (URISyntaxException | MalformedURLException ignored) {
      // reported below, with what is accepted
    }
    config.problems().invalidValue(key, value, ACCEPTED_ENDPOINT, usedInstead);
    return null;
  }

  private static String withSignalPath(String baseEndpoint, String signalPath) {
    return baseEndpoint.endsWith("/") ? baseEndpoint + signalPath : baseEndpoint + "/" + signalPath;
  }

  private static long timeoutMillis(TracerConfig config, String signalPrefix) {
    long generic = config.getDurationMillis(GENERIC + "timeout", DEFAULT_TIMEOUT_MILLIS);
    return config.getDurationMillis(signalPrefix + "timeout", generic);
  }

  private static String compression(TracerConfig config, String signalPrefix) {
    String generic = config.getOneOf(GENERIC + "compression", "none", COMPRESSIONS);
    return config.getOneOf(signalPrefix + "compression", generic, COMPRESSIONS);
  }

  private static Map<String, String> headers(TracerConfig config, String signalPrefix) {
    Map<String, String> specific = config.getMap(signalPrefix + "headers");
    return specific.isEmpty() ? config.getMap(GENERIC + "headers") : specific;
  }

  /** Both or neither: a client key without its certificate (or the reverse) cannot authenticate. */
  private static byte[][] clientKeyAndCertificate(TracerConfig config, String signalPrefix) {
    String keyKey = keyFor(config, signalPrefix, "client.key");
    String certificateKey = keyFor(config, signalPrefix, "client.certificate");
    boolean keySet = config.getString(keyKey) != null;
    boolean certificateSet = config.getString(certificateKey) != null;
    if (keySet != certificateSet) {
      String missing = keySet ? certificateKey : keyKey;
      String present = keySet ? keyKey : certificateKey;
      config.problems().invalidValue(present, config.getString(present),
          "a client key and a client certificate together; " + missing + " is not set", "no client certificate");
      return null;
    }
    byte[] privateKey = pemFile(config, signalPrefix, "client.key");
    byte[] certificate = pemFile(config, signalPrefix, "client.certificate");
    return privateKey == null || certificate == null ? null : new byte[][] {privateKey, certificate};
  }

  private static byte[] pemFile(TracerConfig config, String signalPrefix, String suffix) {
    String key = keyFor(config, signalPrefix, suffix);
    String path = config.getString(key);
    if (path == null) {
      return null;
    }
    try {
      return Files.readAllBytes(Paths.get(path));
    } catch (IOException | RuntimeException unreadable) {
      config.problems().invalidValue(key, path, "the path of a readable PEM file", "none");
      return null;
    }
  }

  /** Per file the signal-specific key is read when it is set, as the OpenTelemetry SDK does. */
  private static String keyFor(TracerConfig config, String signalPrefix, String suffix) {
    return config.getString(signalPrefix + suffix) != null ? signalPrefix + suffix : GENERIC + suffix;
  }

  /**
   * Read once, validated, shared by both protocols' builders (which have no common type) and by both signals:
   * {@code otel.exporter.otlp.<signal>.*} wins over {@code otel.exporter.otlp.*}.
   */
  static final class Settings {
    final boolean http;
    final String endpoint;
    final long timeoutMillis;
    final String compression;
    final Map<String, String> headers;
    final byte[] trustedCertificates;
    final byte[][] clientKeyAndCertificate;
    final boolean retryDisabled;

    private Settings(TracerConfig config, String signalPrefix, boolean http, String endpoint) {
      this.http = http;
      this.endpoint = endpoint;
      this.timeoutMillis = timeoutMillis(config, signalPrefix);
      this.compression = compression(config, signalPrefix);
      this.headers = headers(config, signalPrefix);
      this.trustedCertificates = pemFile(config, signalPrefix, "certificate");
      this.clientKeyAndCertificate = clientKeyAndCertificate(config, signalPrefix);
      this.retryDisabled = config.getBoolean("otel.java.exporter.otlp.retry.disabled", false);
    }

    /** @param signal {@code traces} or {@code metrics}: the specific keys' infix and the HTTP path's last part */
    static Settings read(TracerConfig config, String signal) {
      String signalPrefix = GENERIC + signal + ".";
      String protocol = config.getOneOf(signalPrefix + "protocol", null, PROTOCOLS);
      if (protocol == null) {
        protocol = config.getOneOf(GENERIC + "protocol", HTTP_PROTOBUF, PROTOCOLS);
      }
      boolean http = HTTP_PROTOBUF.equals(protocol);
      return new Settings(config, signalPrefix, http, endpoint(config, signalPrefix, "v1/" + signal, http));
    }
  }
}
