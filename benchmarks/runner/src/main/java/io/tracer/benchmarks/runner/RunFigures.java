package io.tracer.benchmarks.runner;

import java.util.Map;

/** What one JVM of one setup measured in one round. */
record RunFigures(
    String setup,
    int round,
    double startupMillis,
    double stopMillis,
    Map<String, EndpointFigures> endpoints,
    long residentBytes,
    long heapLiveBytes,
    long threads,
    Map<String, Long> requestsByPath,
    long spans,
    Map<String, Long> spansByKindAndName,
    long lossReports) {

  /** One endpoint's measured window: wrk's figures and the service's CPU and allocation over the same window. */
  record EndpointFigures(
      long requests,
      double seconds,
      double throughput,
      double p50Micros,
      double p99Micros,
      double cpuMicrosPerRequest,
      double allocatedBytesPerRequest,
      long errors) {}

  /** Requests the service served, those {@code /d} sent to {@code /a} included. */
  long requests() {
    return requestsByPath.values().stream().mapToLong(Long::longValue).sum();
  }

  long serverSpans() {
    return spansByKindAndName.entrySet().stream().filter(entry -> entry.getKey().startsWith("SERVER "))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** SERVER spans received per request served: 1 when every request was traced and no span was lost. */
  double serverSpansPerRequest() {
    return (double) serverSpans() / requests();
  }

  /** Spans of other kinds (database, Redis, HTTP client calls) per request served. */
  double otherSpansPerRequest() {
    return (double) (spans - serverSpans()) / requests();
  }
}
