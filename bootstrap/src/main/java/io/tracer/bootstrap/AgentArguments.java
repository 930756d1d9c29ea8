package io.tracer.bootstrap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:tracer.jar=key=value,key=value}. Only a segment that starts with a configuration key
 * ({@code otel.} or {@code OTEL_}) starts a new entry; any other continues the previous value, so that lists and
 * maps keep their commas: {@code otel.propagators=b3,jaeger,otel.resource.attributes=team=red,zone=eu}.
 */
public final class AgentArguments {

  private AgentArguments() {}

  public static Map<String, String> parse(String agentArgs) {
    if (agentArgs == null || agentArgs.trim().isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> arguments = new LinkedHashMap<String, String>();
    String lastKey = null;
    for (String segment : agentArgs.split(",")) {
      int equals = segment.indexOf('=');
      if (equals > 0 && startsWithKey(segment.trim())) {
        lastKey = segment.substring(0, equals).trim();
        arguments.put(lastKey, segment.substring(equals + 1).trim());
      } else if (lastKey != null) {
        arguments.put(lastKey, arguments.get(lastKey) + "," + segment.trim());
      }
    }
    return arguments;
  }

  private static boolean startsWithKey(String segment) {
    return segment.regionMatches(true, 0, "otel.", 0, 5) || segment.startsWith("OTEL_");
  }
}
