package io.tracer.instrumentation.apachehttpclient.v4;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;

/** What {@code doExecute} is given: the target host (may be {@code null}) and the request. */
final class ApacheRequest {

  final HttpHost target;
  final HttpRequest request;

  ApacheRequest(HttpHost target, HttpRequest request) {
    this.target = target;
    this.request = request;
  }
}
