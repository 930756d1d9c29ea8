package io.tracer.agent.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationPatternTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "'POST /api/payments/*', 'POST /api/payments/*', null, null, true",
      "'POST /api/payments/*', 'POST /api/payments/{id}', null, null, true",
      "'POST /api/payments/*', 'POST /api/payment', null, null, false",
      "'POST /api/payments/*', 'GET /api/payments/*', null, null, false",
      // a Spring application's span is named by its method alone until it ends: its path decides
      "'POST /api/payments/*', POST, POST, /api/payments/42, true",
      "'POST /api/payments/*', POST, POST, /api/orders/42, false",
      "'POST /api/payments/*', GET, GET, /api/payments/42, false",
      "'POST /api/payments/*', POS, POS, 'T /api/payments/42', false",
      "'GET /health', 'GET /health', null, null, true",
      "'GET /health', GET, GET, /health, true",
      "'GET /health', GET, GET, /healthz, false",
      "'GET /health', 'GET /healthz', null, null, false",
      "'run Mailer.*', 'run Mailer.send', null, null, true",
      "'*', anything, null, null, true",
      "'GET /a*b', 'GET /a*b', null, null, true",
      "'GET /a*b', 'GET /axb', null, null, false",
  })
  void matchesTheNameOrTheMethodAndPath(String pattern, String name, String method, String path, boolean matches) {
    assertEquals(matches, OperationPattern.parse(pattern).matches(name, method, path));
  }
}
