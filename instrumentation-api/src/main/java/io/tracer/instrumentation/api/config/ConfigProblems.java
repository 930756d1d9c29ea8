package io.tracer.instrumentation.api.config;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where configuration mistakes are told: one line on stderr per bad key, naming the key, the value and what is
 * accepted, then the default is used. A key is reported once however often it is read.
 */
public final class ConfigProblems {

  private final PrintStream out;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  public ConfigProblems(PrintStream out) {
    this.out = out;
  }

  public void invalidValue(String key, String value, String accepted, Object usedInstead) {
    if (reported.add(key)) {
      String used = usedInstead == null || usedInstead.toString().isEmpty() ? "the default" : usedInstead.toString();
      out.println(onOneLine("[tracer] invalid configuration " + key + "=\"" + value + "\" (accepted: " + accepted
          + "); using " + used));
    }
  }

  /** A problem that is not about one key's value: an unreadable configuration file, say. */
  public void problem(String subject, String message) {
    if (reported.add(subject)) {
      out.println(onOneLine("[tracer] " + message));
    }
  }

  /**
   * A multi-line value (a YAML block string, say) must not break the one-line-per-problem promise, wherever the line
   * quotes it: as the value, as a file name, or in what is used instead.
   */
  private static String onOneLine(String value) {
    return value == null ? null : value.replace("\r", "\\r").replace("\n", "\\n");
  }
}
