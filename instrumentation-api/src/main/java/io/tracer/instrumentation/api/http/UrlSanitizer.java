package io.tracer.instrumentation.api.http;

/**
 * Turns a request URL into {@code url.full}: user info ({@code user:password@}) removed, the values of sensitive
 * query parameters redacted, the fragment (never sent) dropped. One pass of index lookups; a URL with nothing to
 * remove is returned as it is.
 */
final class UrlSanitizer {

  private final QueryRedactor queryRedactor;

  UrlSanitizer(QueryRedactor queryRedactor) {
    this.queryRedactor = queryRedactor;
  }

  String sanitize(String url) {
    if (url == null) {
      return null;
    }
    int fragment = url.indexOf('#');
    int end = fragment < 0 ? url.length() : fragment;
    int schemeEnd = url.indexOf("://");
    int authorityStart = schemeEnd < 0 || schemeEnd > end ? 0 : schemeEnd + 3;
    int authorityEnd = authorityEnd(url, authorityStart, end);
    int at = url.lastIndexOf('@', authorityEnd - 1);
    int hostStart = at >= authorityStart ? at + 1 : authorityStart;
    int queryStart = url.indexOf('?', authorityEnd);
    String query = queryStart < 0 || queryStart >= end ? null : url.substring(queryStart + 1, end);
    String redactedQuery = queryRedactor.redact(query);
    if (hostStart == authorityStart && end == url.length() && redactedQuery == query) {
      return url;
    }
    StringBuilder sanitized = new StringBuilder(url.length())
        .append(url, 0, authorityStart)
        .append(url, hostStart, query == null ? end : queryStart);
    if (query != null) {
      sanitized.append('?').append(redactedQuery);
    }
    return sanitized.toString();
  }

  private static int authorityEnd(String url, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?') {
        return i;
      }
    }
    return end;
  }
}
