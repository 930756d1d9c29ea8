package io.tracer.smoke.harness;

/** The status and body of one response from an application under test. */
public record HttpResult(int status, String body) {}
