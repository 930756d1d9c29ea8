package io.tracer.agent.sdk;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.SocketException;
import java.net.URL;
import java.util.function.Supplier;

/**
 * {@code otel.traces.exporter=jaeger} (Thrift over HTTP to a collector) and {@code jaeger_agent} (compact Thrift over
 * UDP to an agent, as jaeger-client libraries send). The settings are checked at start, the exporters built on
 * first use.
 */
final class JaegerExporterFactory {

  private static final String ENDPOINT_KEY = "otel.exporter.jaeger.endpoint";
  private static final String TIMEOUT_KEY = "otel.exporter.jaeger.timeout";
  private static final String AGENT_HOST_KEY = "otel.exporter.jaeger.agent.host";
  private static final String AGENT_PORT_KEY = "otel.exporter.jaeger.agent.port";
  private static final String DEFAULT_ENDPOINT = "http://localhost:14268/api/traces";
  private static final String DEFAULT_AGENT_HOST = "localhost";
  private static final int DEFAULT_AGENT_PORT = 6831;
  private static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  private JaegerExporterFactory() {}

  static RemoteExporter collector(TracerConfig config) {
    String endpoint = OtlpExporterFactory.validEndpoint(config, ENDPOINT_KEY, DEFAULT_ENDPOINT);
    if (endpoint == null) {
      endpoint = DEFAULT_ENDPOINT;
    }
    final URL url;
    try {
      url = new URL(endpoint);
    } catch (MalformedURLException checkedAbove) {
      throw new IllegalStateException(checkedAbove);
    }
    final int timeoutMillis = (int) Math.min(config.getDurationMillis(TIMEOUT_KEY, DEFAULT_TIMEOUT_MILLIS),
        Integer.MAX_VALUE);
    return new RemoteExporter(new DeferredSpanExporter(new Supplier<SpanExporter>() {
      @Override
      public SpanExporter get() {
        return new JaegerCollectorExporter(url, timeoutMillis);
      }
    }), endpoint);
  }

  static RemoteExporter agent(TracerConfig config) {
    String configuredHost = config.getString(AGENT_HOST_KEY, DEFAULT_AGENT_HOST).trim();
    if (configuredHost.isEmpty() || configuredHost.contains(" ") || configuredHost.contains("/")) {
      config.problems().invalidValue(AGENT_HOST_KEY, configuredHost, "a host name or IP address",
          DEFAULT_AGENT_HOST);
      configuredHost = DEFAULT_AGENT_HOST;
    }
    final String host = configuredHost;
    final int port = config.getInt(AGENT_PORT_KEY, DEFAULT_AGENT_PORT, 1, 65_535);
    return new RemoteExporter(new DeferredSpanExporter(new Supplier<SpanExporter>() {
      @Override
      public SpanExporter get() {
        try {
          return new JaegerAgentExporter(host, port);
        } catch (SocketException noSocket) {
          // told as this batch's loss; the next batch tries again
          throw new UncheckedIOException(noSocket);
        }
      }
    }), "udp://" + host + ":" + port);
  }
}
