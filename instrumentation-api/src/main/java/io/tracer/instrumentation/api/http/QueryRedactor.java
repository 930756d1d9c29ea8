package io.tracer.instrumentation.api.http;

import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Replaces the values of sensitive query parameters ({@code token}, {@code password}, ...) with
 * {@code REDACTED}, in one pass; a query without a sensitive name is returned as it is, without copying.
 */
public final class QueryRedactor {

  public static final String REDACTED = "REDACTED";

  private static final String DEFAULT_SENSITIVE_PARAMETERS =
      "password,passwd,pwd,secret,client_secret,token,access_token,refresh_token,id_token,api_key,apikey,key,"
          + "sig,signature,x-amz-signature,x-goog-signature,awsaccesskeyid,auth,authorization,session,sessionid,"
          + "jsessionid,credential,credentials";

  private final Set<String> sensitiveNames = new HashSet<>();

  public QueryRedactor(List<String> sensitiveParameterNames) {
    for (String name : sensitiveParameterNames) {
      sensitiveNames.add(name.toLowerCase(Locale.ROOT));
    }
  }

  /** The list of {@code otel.http.sensitive-query-parameters}, shared by server and client spans. */
  public static QueryRedactor configured(TracerConfig config) {
    return new QueryRedactor(config.getList("otel.http.sensitive-query-parameters",
        Arrays.asList(DEFAULT_SENSITIVE_PARAMETERS.split(","))));
  }

  public String redact(String query) {
    if (query == null || query.isEmpty() || sensitiveNames.isEmpty()) {
      return query;
    }
    StringBuilder redacted = null;
    int start = 0;
    while (start <= query.length()) {
      int end = query.indexOf('&', start);
      if (end < 0) {
        end = query.length();
      }
      int equals = query.indexOf('=', start);
      boolean hasValue = equals >= 0 && equals < end;
      String name = query.substring(start, hasValue ? equals : end);
      if (hasValue && sensitiveNames.contains(name.toLowerCase(Locale.ROOT))) {
        if (redacted == null) {
          redacted = new StringBuilder(query.length()).append(query, 0, start);
        }
        redacted.append(name).append('=').append(REDACTED);
      } else if (redacted != null) {
        redacted.append(query, start, end);
      }
      if (end < query.length() && redacted != null) {
        redacted.append('&');
      }
      start = end + 1;
    }
    return redacted == null ? query : redacted.toString();
  }
}
