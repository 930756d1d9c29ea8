package io.tracer.agent.sdk;

/**
 * Which root spans a sampling rule takes: {@code POST /api/payments} (exactly that) or {@code POST /api/payments/*}
 * (everything starting so), compared with the span's name and, for HTTP server spans, with its method and path
 * ({@code POST /api/payments/42}): a Spring application's span is named by its route only when it ends, after the
 * sampler has decided. A {@code *} anywhere else is a plain character; no regular expression is run.
 */
final class OperationPattern {

  private final String text;
  private final boolean prefix;

  private OperationPattern(String text, boolean prefix) {
    this.text = text;
    this.prefix = prefix;
  }

  static OperationPattern parse(String pattern) {
    boolean prefix = pattern.endsWith("*");
    return new OperationPattern(prefix ? pattern.substring(0, pattern.length() - 1) : pattern, prefix);
  }

  /** @param method and {@code path} are {@code null} for a span that is not an HTTP server request */
  boolean matches(String spanName, String method, String path) {
    if (prefix ? spanName.startsWith(text) : spanName.equals(text)) {
      return true;
    }
    return method != null && path != null && matchesMethodAndPath(method, path);
  }

  /** Compares with {@code method + " " + path} without building that string. */
  private boolean matchesMethodAndPath(String method, String path) {
    int methodLength = method.length();
    if (text.length() <= methodLength || text.charAt(methodLength) != ' ' || !text.startsWith(method)) {
      return false;
    }
    int pathLength = text.length() - methodLength - 1;
    return (prefix || path.length() == pathLength) && path.regionMatches(0, text, methodLength + 1, pathLength);
  }

  @Override
  public String toString() {
    return prefix ? text + "*" : text;
  }
}
