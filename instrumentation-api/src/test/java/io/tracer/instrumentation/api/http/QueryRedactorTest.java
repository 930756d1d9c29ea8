package io.tracer.instrumentation.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueryRedactorTest {

  private final QueryRedactor redactor = new QueryRedactor(Arrays.asList("token", "Password", "sig"));

  @Test
  void replacesTheValuesOfSensitiveParametersOnly() {
    assertEquals("id=7&token=REDACTED&page=2", redactor.redact("id=7&token=abc123&page=2"));
    assertEquals("PASSWORD=REDACTED", redactor.redact("PASSWORD=hunter2"));
    assertEquals("a=1&sig=REDACTED&token=REDACTED", redactor.redact("a=1&sig=x&token=y"));
  }

  @Test
  void leavesAQueryWithoutSecretsUntouchedAndUncopied() {
    String query = "id=7&page=2&tokenizer=on";
    assertSame(query, redactor.redact(query));
  }

  @Test
  void keepsOddShapesIntact() {
    assertEquals("token&x=1", redactor.redact("token&x=1"));
    assertEquals("&&token=REDACTED&", redactor.redact("&&token=t&"));
    assertEquals("token=REDACTED", redactor.redact("token="));
    assertEquals("=v&token=REDACTED", redactor.redact("=v&token=t"));
  }
}
