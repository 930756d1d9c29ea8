package io.tracer.instrumentation.apachehttpclient.v5;

import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/** The target host (may be {@code null}) and the request, classic or async. */
final class ApacheRequest {

  final HttpHost target;
  final HttpRequest request;

  ApacheRequest(HttpHost target, HttpRequest request) {
    this.target = target;
    this.request = request;
  }
}
