package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobRunrSettingsTest {

  private final ByteArrayOutputStream problems = new ByteArrayOutputStream();

  @Test
  void argumentsAreNotCapturedAndNoJobIsIgnoredByDefault() {
    JobRunrSettings settings = settings(Map.of());
    assertFalse(settings.captureArguments());
    assertEquals(JobRunrSettings.DEFAULT_ARGUMENT_MAX_LENGTH, settings.argumentMaxLength());
    assertFalse(settings.isIgnored("com.example.Mailer.send", "Mailer.send"));
  }

  @Test
  void ignoredJobsMatchTheQualifiedOrTheShortNameOrAPrefix() {
    JobRunrSettings settings = settings(Map.of(JobRunrSettings.IGNORED_JOBS,
        "Cleanup.purge, com.example.metrics.*"));
    assertTrue(settings.isIgnored("com.example.Cleanup.purge", "Cleanup.purge"));
    assertTrue(settings.isIgnored("com.example.metrics.Flusher.flush", "Flusher.flush"));
    assertFalse(settings.isIgnored("com.example.Cleanup.purgeAll", "Cleanup.purgeAll"));
  }

  @Test
  void aBadLengthIsReportedAndTheDefaultKept() {
    JobRunrSettings settings = settings(Map.of("OTEL_INSTRUMENTATION_JOBRUNR_CAPTURE_ARGUMENTS", "true",
        JobRunrSettings.ARGUMENT_MAX_LENGTH, "0"));
    assertTrue(settings.captureArguments());
    assertEquals(JobRunrSettings.DEFAULT_ARGUMENT_MAX_LENGTH, settings.argumentMaxLength());
    assertTrue(problems.toString(StandardCharsets.UTF_8).contains(JobRunrSettings.ARGUMENT_MAX_LENGTH),
        problems.toString(StandardCharsets.UTF_8));
  }

  private JobRunrSettings settings(Map<String, String> properties) {
    return JobRunrSettings.from(TracerConfig.of(properties,
        new ConfigProblems(new PrintStream(problems, true, StandardCharsets.UTF_8))));
  }
}
