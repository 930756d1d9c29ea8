package io.tracer.instrumentation.servlet.jakarta;

import io.opentelemetry.context.Context;
import io.tracer.instrumentation.servlet.ServletAccessor;
import io.tracer.instrumentation.servlet.ServletServerSpans;
import java.util.Collections;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The jakarta.servlet (5 and later) view of a request. */
final class JakartaServletAccessor implements ServletAccessor<HttpServletRequest, HttpServletResponse> {

  @Override
  public String method(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public String scheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String path(HttpServletRequest request) {
    return request.getRequestURI();
  }

  @Override
  public String query(HttpServletRequest request) {
    return request.getQueryString();
  }

  @Override
  public String route(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    if (mapping == null || mapping.getMappingMatch() == null) {
      return null;
    }
    switch (mapping.getMappingMatch()) {
      case CONTEXT_ROOT:
        return request.getContextPath() + "/";
      case EXACT:
      case PATH:
      case EXTENSION:
        return request.getContextPath() + mapping.getPattern();
      default:
        return null; // the default servlet: the mapping says nothing about the route
    }
  }

  @Override
  public String routePrefix(HttpServletRequest request) {
    return request.getPathInfo() == null ? request.getContextPath()
        : request.getContextPath() + request.getServletPath();
  }

  @Override
  public String serverAddress(HttpServletRequest request) {
    return request.getServerName();
  }

  @Override
  public int serverPort(HttpServletRequest request) {
    return request.getServerPort();
  }

  @Override
  public String peerAddress(HttpServletRequest request) {
    return request.getRemoteAddr();
  }

  @Override
  public String protocol(HttpServletRequest request) {
    return request.getProtocol();
  }

  @Override
  public int statusCode(HttpServletResponse response) {
    return response.getStatus();
  }

  @Override
  public void setResponseHeader(HttpServletResponse response, String name, String value) {
    response.setHeader(name, value);
  }

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }

  @Override
  public Object getAttribute(HttpServletRequest request, String name) {
    return request.getAttribute(name);
  }

  @Override
  public void setAttribute(HttpServletRequest request, String name, Object value) {
    request.setAttribute(name, value);
  }

  @Override
  public boolean isAsyncStarted(HttpServletRequest request) {
    return request.isAsyncStarted();
  }

  @Override
  public void endOnAsyncCompletion(HttpServletRequest request, HttpServletResponse response, Context context,
      ServletServerSpans<HttpServletRequest, HttpServletResponse> spans) {
    request.getAsyncContext().addListener(new JakartaAsyncCompletion(spans, context, request, response));
  }
}
