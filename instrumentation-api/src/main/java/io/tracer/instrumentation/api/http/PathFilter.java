package io.tracer.instrumentation.api.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Paths to leave untraced: exact entries and {@code prefix*} entries, matched without regular expressions. */
public final class PathFilter {

  private final Set<String> exactPaths = new HashSet<>();
  private final String[] prefixes;

  public PathFilter(List<String> entries) {
    List<String> prefixList = new ArrayList<>();
    for (String entry : entries) {
      if (entry.endsWith("*")) {
        prefixList.add(entry.substring(0, entry.length() - 1));
      } else {
        exactPaths.add(entry);
      }
    }
    prefixes = prefixList.toArray(new String[0]);
  }

  public boolean matches(String path) {
    if (path == null) {
      return false;
    }
    if (exactPaths.contains(path)) {
      return true;
    }
    for (String prefix : prefixes) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
