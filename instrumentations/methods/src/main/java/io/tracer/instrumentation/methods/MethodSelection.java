package io.tracer.instrumentation.methods;

import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of {@code otel.instrumentation.methods.include}: a class pattern and its method patterns, as in
 * {@code com.example.PaymentService[charge,refund]} or {@code com.example.*Repository[find*]}.
 */
final class MethodSelection {

  static final String INCLUDE_KEY = "otel.instrumentation.methods.include";
  private static final String ACCEPTED =
      "entries separated by ';', each a class name and its methods in brackets, '*' as wildcard: "
          + "com.example.PaymentService[charge,refund];com.example.*Repository[find*]";

  final NamePattern type;
  final List<NamePattern> methods;

  private MethodSelection(NamePattern type, List<NamePattern> methods) {
    this.type = type;
    this.methods = methods;
  }

  /** Entries that cannot be read are left out, and said so once. */
  static List<MethodSelection> fromConfig(TracerConfig config) {
    String value = config == null ? null : config.getString(INCLUDE_KEY);
    if (value == null || value.trim().isEmpty()) {
      return Collections.emptyList();
    }
    List<MethodSelection> selections = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (String entry : value.split(";")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      MethodSelection selection = parse(trimmed);
      if (selection == null) {
        skipped.add(trimmed);
      } else {
        selections.add(selection);
      }
    }
    if (!skipped.isEmpty()) {
      config.problems().invalidValue(INCLUDE_KEY, value, ACCEPTED, "the other entries (skipped " + skipped + ")");
    }
    return selections;
  }

  private static MethodSelection parse(String entry) {
    int open = entry.indexOf('[');
    if (open <= 0 || !entry.endsWith("]")) {
      return null;
    }
    String type = entry.substring(0, open).trim();
    List<NamePattern> methods = new ArrayList<>();
    for (String method : entry.substring(open + 1, entry.length() - 1).split(",")) {
      String name = method.trim();
      if (!name.isEmpty()) {
        methods.add(new NamePattern(name));
      }
    }
    return type.isEmpty() || methods.isEmpty() ? null : new MethodSelection(new NamePattern(type), methods);
  }
}
