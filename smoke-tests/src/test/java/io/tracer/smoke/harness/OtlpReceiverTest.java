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
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The receiver decodes what the OpenTelemetry SDK's own OTLP exporters send, over both transports. */
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
  void awaitingTooFewSpansFailsListingWhatArrived() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AssertionError failure = assertThrows(AssertionError.class,
          () -> receiver.awaitSpans(span -> true, 1, Duration.ofMillis(200)));
      assertTrue(failure.getMessage().contains("received 0"), failure.getMessage());
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
