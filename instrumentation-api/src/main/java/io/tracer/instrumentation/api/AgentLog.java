package io.tracer.instrumentation.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's few lines on stderr, prefixed {@code [tracer]}. Debug lines only with {@code otel.javaagent.debug=true};
 * {@link #once} for conditions that could otherwise repeat per request.
 */
public final class AgentLog {

  private static volatile boolean debugEnabled;
  private static final Set<String> said = ConcurrentHashMap.newKeySet();

  private AgentLog() {}

  public static void enableDebug(boolean enabled) {
    debugEnabled = enabled;
  }

  public static boolean isDebugEnabled() {
    return debugEnabled;
  }

  public static void info(String message) {
    System.err.println("[tracer] " + message);
  }

  public static void debug(String message) {
    if (debugEnabled) {
      System.err.println("[tracer] debug: " + message);
    }
  }

  /** Says {@code message} the first time {@code subject} comes up, never again. */
  public static void once(String subject, String message) {
    if (said.add(subject)) {
      info(message);
    }
  }
}
