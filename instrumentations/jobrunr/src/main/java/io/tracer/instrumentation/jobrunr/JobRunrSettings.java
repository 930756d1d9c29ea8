package io.tracer.instrumentation.jobrunr;

import io.tracer.instrumentation.api.AgentServices;
import io.tracer.instrumentation.api.config.TracerConfig;
import io.tracer.instrumentation.api.http.PathFilter;
import java.util.Collections;

/** The module's settings, read once from the agent's configuration. */
final class JobRunrSettings {

  static final String CAPTURE_ARGUMENTS = "otel.instrumentation.jobrunr.capture-arguments";
  static final String ARGUMENT_MAX_LENGTH = "otel.instrumentation.jobrunr.argument-max-length";
  static final String IGNORED_JOBS = "otel.instrumentation.jobrunr.ignored-jobs";

  static final int DEFAULT_ARGUMENT_MAX_LENGTH = 256;

  private static final JobRunrSettings CURRENT = from(AgentServices.config());

  private final boolean captureArguments;
  private final int argumentMaxLength;
  private final PathFilter ignoredJobs;

  private JobRunrSettings(boolean captureArguments, int argumentMaxLength, PathFilter ignoredJobs) {
    this.captureArguments = captureArguments;
    this.argumentMaxLength = argumentMaxLength;
    this.ignoredJobs = ignoredJobs;
  }

  static JobRunrSettings current() {
    return CURRENT;
  }

  static JobRunrSettings from(TracerConfig config) {
    if (config == null) {
      return new JobRunrSettings(false, DEFAULT_ARGUMENT_MAX_LENGTH, new PathFilter(Collections.<String>emptyList()));
    }
    return new JobRunrSettings(
        config.getBoolean(CAPTURE_ARGUMENTS, false),
        config.getInt(ARGUMENT_MAX_LENGTH, DEFAULT_ARGUMENT_MAX_LENGTH, 1, 1_000_000),
        new PathFilter(config.getList(IGNORED_JOBS, Collections.<String>emptyList())));
  }

  /** Whether argument values go into spans (they may hold personal data, hence off by default). */
  boolean captureArguments() {
    return captureArguments;
  }

  int argumentMaxLength() {
    return argumentMaxLength;
  }

  /**
   * @param qualifiedName {@code com.example.Mailer.send}
   * @param shortName {@code Mailer.send}, as in the span names
   */
  boolean isIgnored(String qualifiedName, String shortName) {
    return ignoredJobs.matches(qualifiedName) || ignoredJobs.matches(shortName);
  }
}
