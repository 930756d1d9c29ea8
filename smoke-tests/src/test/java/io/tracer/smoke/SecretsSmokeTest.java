package io.tracer.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.tracer.smoke.harness.HttpResult;
import io.tracer.smoke.harness.OtlpProtocol;
import io.tracer.smoke.harness.OtlpReceiver;
import io.tracer.smoke.harness.ReceivedSpan;
import io.tracer.smoke.harness.SmokePrerequisites;
import io.tracer.smoke.harness.TracedApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Secrets a request carries (the {@code token} and {@code password} query parameters, the {@code Authorization} and
 * {@code Cookie} headers) reach no exported span by default: not the incoming request's SERVER span, not the CLIENT
 * span of the outgoing call that passes the query on, not the downstream SERVER span that receives it. Each secret
 * is a string that appears nowhere else, and every span's name, attributes, events and links are searched for it.
 */
@ExtendWith(SmokePrerequisites.class)
class SecretsSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> SECRETS = List.of("tok3n-s3cret-q", "passw0rd-s3cret-q", "bearer-s3cret-h",
      "cookie-s3cret-h");

  @Test
  void noSecretReachesAnExportedSpan() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        TracedApp app = TracedApp.builder("http-client-chain")
            .label(getClass().getSimpleName())
            .serviceName("secrets-smoke")
            .exportTo(receiver, OtlpProtocol.HTTP_PROTOBUF)
            .start()) {
      String path = "/relay/" + app.port() + "/back?token=" + SECRETS.get(0) + "&password=" + SECRETS.get(1)
          + "&page=2";
      HttpResult answer = app.get(path,
          Map.of("Authorization", "Bearer " + SECRETS.get(2), "Cookie", "session=" + SECRETS.get(3)));
      assertEquals(200, answer.status(), answer.toString());

      // the relay's SERVER span ends last, after its CLIENT span and the downstream's SERVER span
      List<ReceivedSpan> spans = receiver.awaitSpans(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER, 2,
          SPAN_TIMEOUT);
      List<ReceivedSpan> trace = receiver.spansOfTrace(spans.get(0).traceId());
      assertTrue(trace.stream().anyMatch(span -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT),
          OtlpReceiver.describe(trace));
      assertTrue(trace.stream().anyMatch(span -> "2".equals(queryValue(span, "page"))),
          "the query is recorded, redacted where it must be: " + OtlpReceiver.describe(trace));
      for (ReceivedSpan span : receiver.spans()) {
        String text = everythingExported(span);
        for (String secret : SECRETS) {
          assertFalse(text.contains(secret), secret + " in " + text);
        }
      }
    }
  }

  private static String queryValue(ReceivedSpan span, String parameter) {
    String query = span.stringAttribute("url.query");
    if (query == null && span.stringAttribute("url.full") != null) {
      String full = span.stringAttribute("url.full");
      query = full.contains("?") ? full.substring(full.indexOf('?') + 1) : null;
    }
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(parameter + "=")) {
        return pair.substring(parameter.length() + 1);
      }
    }
    return null;
  }

  /** The span's name, attributes, events and links, and its resource, as text. */
  private static String everythingExported(ReceivedSpan received) {
    Span span = received.span();
    List<String> parts = new ArrayList<>();
    parts.add(span.getName());
    parts.add(text(span.getAttributesList()));
    span.getEventsList().forEach(event -> parts.add(event.getName() + " " + text(event.getAttributesList())));
    span.getLinksList().forEach(link -> parts.add(text(link.getAttributesList())));
    parts.add(span.getStatus().getMessage());
    parts.add(text(received.resource().getAttributesList()));
    return String.join(" | ", parts);
  }

  private static String text(List<KeyValue> attributes) {
    StringBuilder text = new StringBuilder();
    attributes.forEach(attribute -> text.append(attribute.getKey()).append('=').append(attribute.getValue())
        .append(' '));
    return text.toString();
  }
}
