package io.tracer.agent.sdk;

import java.util.Locale;

/**
 * A service name guessed from how the JVM was started (the {@code sun.java.command} system property), for services
 * nobody named: {@code /opt/orders-service-1.4.2.jar --port 8080} is {@code orders-service},
 * {@code com.example.OrdersApplication} is {@code OrdersApplication}.
 */
final class CommandLineServiceName {

  private CommandLineServiceName() {}

  /** @return the guessed name, or {@code null} when the command is missing or yields nothing usable */
  static String derive(String javaCommand) {
    if (javaCommand == null) {
      return null;
    }
    String launched = firstWord(javaCommand.trim());
    if (launched.isEmpty()) {
      return null;
    }
    String name;
    if (launched.toLowerCase(Locale.ROOT).endsWith(".jar")) {
      String jarFile = fileName(launched);
      name = withoutVersion(jarFile.substring(0, jarFile.length() - ".jar".length()));
    } else {
      name = launched.substring(launched.lastIndexOf('.') + 1);
    }
    return name.isEmpty() ? null : name;
  }

  private static String firstWord(String command) {
    for (int i = 0; i < command.length(); i++) {
      if (Character.isWhitespace(command.charAt(i))) {
        return command.substring(0, i);
      }
    }
    return command;
  }

  private static String fileName(String path) {
    return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }

  /**
   * Cuts at the first {@code -} that starts a version: digits followed by a dot, a dash or nothing, so
   * {@code app-2.0.0-SNAPSHOT} is {@code app} while {@code web-3d-viewer} keeps its name.
   */
  private static String withoutVersion(String baseName) {
    for (int dash = baseName.indexOf('-'); dash > 0; dash = baseName.indexOf('-', dash + 1)) {
      int end = dash + 1;
      while (end < baseName.length() && Character.isDigit(baseName.charAt(end))) {
        end++;
      }
      boolean digitsFollow = end > dash + 1;
      boolean versionBoundary = end == baseName.length() || baseName.charAt(end) == '.' || baseName.charAt(end) == '-';
      if (digitsFollow && versionBoundary) {
        return baseName.substring(0, dash);
      }
    }
    return baseName;
  }
}
