package io.tracer.instrumentation.apachehttpclient.v5;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;

/** What {@code doExecute} is given: the target host (may be {@code null}) and the request. */
final class ApacheRequest {

  final HttpHost target;
  final ClassicHttpRequest request;

  ApacheRequest(HttpHost target, ClassicHttpRequest request) {
    this.target = target;
    this.request = request;
  }
}
