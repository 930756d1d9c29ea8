package io.tracer.instrumentation.api.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Host names given as exact names and {@code *.example.com} entries, compared case-insensitively without regex. */
public final class HostMatcher {

  private final Set<String> exactHosts = new HashSet<>();
  /** The suffixes of wildcard entries with their dot, such as {@code .example.com}. */
  private final String[] domainSuffixes;

  public HostMatcher(List<String> entries) {
    List<String> suffixes = new ArrayList<>();
    for (String entry : entries) {
      String host = entry.trim().toLowerCase(Locale.ROOT);
      if (host.startsWith("*.")) {
        suffixes.add(host.substring(1));
      } else if (!host.isEmpty()) {
        exactHosts.add(host);
      }
    }
    domainSuffixes = suffixes.toArray(new String[0]);
  }

  public boolean isEmpty() {
    return exactHosts.isEmpty() && domainSuffixes.length == 0;
  }

  public boolean matches(String host) {
    if (host == null || isEmpty()) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (exactHosts.contains(lower)) {
      return true;
    }
    for (String suffix : domainSuffixes) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
