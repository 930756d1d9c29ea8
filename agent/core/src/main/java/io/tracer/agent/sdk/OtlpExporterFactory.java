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
 */
final class OtlpExporterFactory {

  private static final String GENERIC = "otel.exporter.otlp.";
  private static final String TRACES = "otel.exporter.otlp.traces.";
  private static final String HTTP_PROTOBUF = "http/protobuf";
  private static final String GRPC = "grpc";
  private static final List<String> PROTOCOLS = Arrays.asList(HTTP_PROTOBUF, GRPC);
  private static final List<String> COMPRESSIONS = Arrays.asList("gzip", "none");
  private static final String DEFAULT_HTTP_ENDPOINT = "http://localhost:4318/v1/traces";
  private static final String DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";
  private static final String TRACES_PATH = "v1/traces";
  private static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  private static final String ACCEPTED_ENDPOINT = "an http:// or https:// URL without query or fragment";

  private OtlpExporterFactory() {}

  /** Reads and checks the settings now, so mistakes are told at start; the exporter itself is built on first use. */
  static RemoteExporter create(TracerConfig config) {
    String protocol = config.getOneOf(TRACES + "protocol", null, PROTOCOLS);
    if (protocol == null) {
      protocol = config.getOneOf(GENERIC + "protocol", HTTP_PROTOBUF, PROTOCOLS);
    }
    boolean http = HTTP_PROTOBUF.equals(protocol);
    final Settings settings = new Settings(config, http, endpoint(config, http));
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
  private static String endpoint(TracerConfig config, boolean http) {
    String fallback = http ? DEFAULT_HTTP_ENDPOINT : DEFAULT_GRPC_ENDPOINT;
    String generic = validEndpoint(config, GENERIC + "endpoint", fallback);
    if (generic != null) {
      fallback = http ? withTracesPath(generic) : generic;
    }
    String specific = validEndpoint(config, TRACES + "endpoint", fallback);
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

  private static String withTracesPath(String baseEndpoint) {
    return baseEndpoint.endsWith("/") ? baseEndpoint + TRACES_PATH : baseEndpoint + "/" + TRACES_PATH;
  }

  private static long timeoutMillis(TracerConfig config) {
    long generic = config.getDurationMillis(GENERIC + "timeout", DEFAULT_TIMEOUT_MILLIS);
    return config.getDurationMillis(TRACES + "timeout", generic);
  }

  private static String compression(TracerConfig config) {
    String generic = config.getOneOf(GENERIC + "compression", "none", COMPRESSIONS);
    return config.getOneOf(TRACES + "compression", generic, COMPRESSIONS);
  }

  private static Map<String, String> headers(TracerConfig config) {
    Map<String, String> specific = config.getMap(TRACES + "headers");
    return specific.isEmpty() ? config.getMap(GENERIC + "headers") : specific;
  }

  /** Both or neither: a client key without its certificate (or the reverse) cannot authenticate. */
  private static byte[][] clientKeyAndCertificate(TracerConfig config) {
    String keyKey = keyFor(config, "client.key");
    String certificateKey = keyFor(config, "client.certificate");
    boolean keySet = config.getString(keyKey) != null;
    boolean certificateSet = config.getString(certificateKey) != null;
    if (keySet != certificateSet) {
      String missing = keySet ? certificateKey : keyKey;
      String present = keySet ? keyKey : certificateKey;
      config.problems().invalidValue(present, config.getString(present),
          "a client key and a client certificate together; " + missing + " is not set", "no client certificate");
      return null;
    }
    byte[] privateKey = pemFile(config, "client.key");
    byte[] certificate = pemFile(config, "client.certificate");
    return privateKey == null || certificate == null ? null : new byte[][] {privateKey, certificate};
  }

  private static byte[] pemFile(TracerConfig config, String suffix) {
    String key = keyFor(config, suffix);
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

  /** Per file the traces-specific key is read when it is set, as the OpenTelemetry SDK does. */
  private static String keyFor(TracerConfig config, String suffix) {
    return config.getString(TRACES + suffix) != null ? TRACES + suffix : GENERIC + suffix;
  }

  /** Read once, validated, shared by both protocols' builders (which have no common type). */
  private static final class Settings {
    final boolean http;
    final String endpoint;
    final long timeoutMillis;
    final String compression;
    final Map<String, String> headers;
    final byte[] trustedCertificates;
    final byte[][] clientKeyAndCertificate;
    final boolean retryDisabled;

    Settings(TracerConfig config, boolean http, String endpoint) {
      this.http = http;
      this.endpoint = endpoint;
      this.timeoutMillis = timeoutMillis(config);
      this.compression = compression(config);
      this.headers = headers(config);
      this.trustedCertificates = pemFile(config, "certificate");
      this.clientKeyAndCertificate = clientKeyAndCertificate(config);
      this.retryDisabled = config.getBoolean("otel.java.exporter.otlp.retry.disabled", false);
    }
  }
}
