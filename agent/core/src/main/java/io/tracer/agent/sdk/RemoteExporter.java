package io.tracer.agent.sdk;

import io.opentelemetry.sdk.trace.export.SpanExporter;

/** An exporter that sends spans away, and where to: the address is what our loss reports name. */
final class RemoteExporter {

  private final SpanExporter exporter;
  private final String endpoint;

  RemoteExporter(SpanExporter exporter, String endpoint) {
    this.exporter = exporter;
    this.endpoint = endpoint;
  }

  SpanExporter exporter() {
    return exporter;
  }

  String endpoint() {
    return endpoint;
  }
}
