package io.tracer.instrumentation.methods;

/** A class or method name with {@code *} wildcards (any run of characters, dots included). */
final class NamePattern {

  private final String pattern;

  NamePattern(String pattern) {
    this.pattern = pattern;
  }

  boolean hasWildcard() {
    return pattern.indexOf('*') >= 0;
  }

  String text() {
    return pattern;
  }

  boolean matches(String name) {
    return matches(name, 0, 0);
  }

  /** Backtracks only at a {@code *}, and patterns are a few characters long: matched when types load, not per call. */
  private boolean matches(String name, int at, int from) {
    int p = from;
    int n = at;
    while (p < pattern.length()) {
      char expected = pattern.charAt(p);
      if (expected == '*') {
        for (int rest = n; rest <= name.length(); rest++) {
          if (matches(name, rest, p + 1)) {
            return true;
          }
        }
        return false;
      }
      if (n == name.length() || name.charAt(n) != expected) {
        return false;
      }
      p++;
      n++;
    }
    return n == name.length();
  }
}
