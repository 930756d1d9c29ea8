package io.tracer.smoke.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The receiver decodes the spans and metrics that the OpenTelemetry SDK's own OTLP exporters send, both transports. */
class OtlpReceiverTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @ParameterizedTest
  @CsvSource({"GRPC, none", "GRPC, gzip", "HTTP_PROTOBUF, none", "HTTP_PROTOBUF, gzip"})
  void receivesSpansFromTheOpenTelemetryExporter(OtlpProtocol protocol, String compression) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
          .setResource(Resource.getDefault().merge(
              Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "receiver-test"))))
          .addSpanProcessor(SimpleSpanProcessor.create(exporter(receiver, protocol, compression)))
          .build();
      Tracer tracer = tracerProvider.get("receiver-test-scope");
      Span parent = tracer.spanBuilder("parent")
          .setSpanKind(SpanKind.SERVER)
          .setAttribute("http.route", "/orders/*")
          .setAttribute("http.response.status_code", 503L)
          .startSpan();
      Span child = tracer.spanBuilder("child").setParent(Context.root().with(parent)).startSpan();
      child.recordException(new IllegalStateException("boom"));
      child.setStatus(StatusCode.ERROR);
      child.end();
      parent.end();
      tracerProvider.shutdown().join(10, TimeUnit.SECONDS);

      ReceivedSpan receivedParent = receiver.awaitSpanNamed("parent", TIMEOUT);
      ReceivedSpan receivedChild = receiver.awaitSpanNamed("child", TIMEOUT);
      assertEquals(protocol, receivedParent.protocol());
      assertEquals("receiver-test", receivedParent.serviceName());
      assertEquals("receiver-test-scope", receivedParent.scopeName());
      assertEquals(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER, receivedParent.kind());
      assertEquals("/orders/*", receivedParent.stringAttribute("http.route"));
      assertEquals(503L, receivedParent.longAttribute("http.response.status_code"));
      assertNull(receivedParent.stringAttribute("http.response.status_code"), "a long is not a string");
      assertEquals(parent.getSpanContext().getTraceId(), receivedParent.traceId());
      assertEquals(parent.getSpanContext().getSpanId(), receivedParent.spanId());
      assertEquals("", receivedParent.parentSpanId());
      assertEquals(receivedParent.spanId(), receivedChild.parentSpanId());
      assertEquals(Status.StatusCode.STATUS_CODE_ERROR, receivedChild.statusCode());
      assertEquals("java.lang.IllegalStateException", OtlpAttributes.stringValue(
          receivedChild.event("exception").orElseThrow().getAttributesList(), "exception.type"));
      assertEquals(2, receiver.spansOfTrace(receivedParent.traceId()).size());
    }
  }

  @Test
  void aStreamingReceiverHandsEverySpanOnAndKeepsNone() throws Exception {
    List<String> streamed = new ArrayList<>();
    try (OtlpReceiver receiver = OtlpReceiver.streaming(span -> streamed.add(span.name() + " " + span.scopeName()))) {
      SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(exporter(receiver, OtlpProtocol.HTTP_PROTOBUF, "none")))
          .build();
      Tracer tracer = tracerProvider.get("streaming-scope");
      for (int i = 0; i < 3; i++) {
        tracer.spanBuilder("span-" + i).startSpan().end();
      }
      tracerProvider.shutdown().join(10, TimeUnit.SECONDS);

      // spanCount() reads under the lock the sink was called under: what it added is visible; each span is an
      // export of its own, and the exports race
      assertEquals(3, receiver.spanCount());
      assertEquals(List.of(), receiver.spans());
      assertEquals(Set.of("span-0 streaming-scope", "span-1 streaming-scope", "span-2 streaming-scope"),
          Set.copyOf(streamed));
      assertEquals(3, streamed.size());
    }
  }

  @Test
  void awaitingTooFewSpansFailsListingWhatArrived() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AssertionError failure = assertThrows(AssertionError.class,
          () -> receiver.awaitSpans(span -> true, 1, Duration.ofMillis(200)));
      assertTrue(failure.getMessage().contains("received 0"), failure.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource({"GRPC, none", "HTTP_PROTOBUF, gzip"})
  void receivesMetricsFromTheOpenTelemetryExporter(OtlpProtocol protocol, String compression) throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      MetricExporter exporter = protocol == OtlpProtocol.GRPC
          ? OtlpGrpcMetricExporter.builder().setEndpoint(receiver.endpoint(protocol)).setCompression(compression)
              .build()
          : OtlpHttpMetricExporter.builder().setEndpoint(receiver.endpoint(protocol) + "/v1/metrics")
              .setCompression(compression).build();
      SdkMeterProvider meterProvider = SdkMeterProvider.builder()
          .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "receiver-test")))
          .registerMetricReader(PeriodicMetricReader.create(exporter))
          .build();
      meterProvider.get("receiver-test-scope").histogramBuilder("http.server.request.duration").setUnit("s").build()
          .record(0.25, Attributes.of(AttributeKey.stringKey("http.route"), "/orders/*"));
      meterProvider.shutdown().join(10, TimeUnit.SECONDS);

      ReceivedMetric received = receiver.awaitMetric(
          metric -> metric.name().equals("http.server.request.duration"), TIMEOUT);
      assertEquals(protocol, received.protocol());
      assertEquals("receiver-test", received.serviceName());
      assertEquals("receiver-test-scope", received.scope().getName());
      assertEquals("s", received.metric().getUnit());
      assertEquals(1, received.metric().getHistogram().getDataPoints(0).getCount());
      assertEquals("/orders/*", OtlpAttributes.stringValue(received.pointAttributes().get(0), "http.route"));
    }
  }

  @Test
  void awaitingAMetricThatNeverComesFailsListingWhatArrived() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AssertionError failure = assertThrows(AssertionError.class,
          () -> receiver.awaitMetric(metric -> metric.name().equals("absent"), Duration.ofMillis(50)));
      assertTrue(failure.getMessage().startsWith("no matching metric within PT0.05S"), failure.getMessage());
    }
  }

  private static SpanExporter exporter(OtlpReceiver receiver, OtlpProtocol protocol, String compression) {
    if (protocol == OtlpProtocol.GRPC) {
      return OtlpGrpcSpanExporter.builder()
          .setEndpoint(receiver.endpoint(protocol))
          .setCompression(compression)
          .build();
    }
    return OtlpHttpSpanExporter.builder()
        .setEndpoint(receiver.endpoint(protocol) + "/v1/traces")
        .setCompression(compression)
        .build();
  }
}
