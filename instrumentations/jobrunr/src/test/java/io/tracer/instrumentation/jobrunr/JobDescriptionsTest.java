package io.tracer.instrumentation.jobrunr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tracer.instrumentation.api.config.ConfigProblems;
import io.tracer.instrumentation.api.config.TracerConfig;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.JobParameter;
import org.junit.jupiter.api.Test;

/** What a span says about a job, with argument capture off (the default) and on. */
class JobDescriptionsTest {

  private static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("jobrunr.job.name");
  private static final AttributeKey<List<String>> ARGUMENTS = AttributeKey.stringArrayKey("jobrunr.job.arguments");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @Test
  void spansAreNamedAfterTheJobsClassAndMethod() {
    JobDetails details = mailerJob().getJobDetails();
    assertEquals("Mailer.send", JobDescriptions.shortName(details));
    assertEquals("com.example.Mailer.send", JobDescriptions.qualifiedName(details));
  }

  @Test
  void withoutArgumentCaptureTheGeneratedNameAndTheArgumentsAreLeftOut() {
    Job job = mailerJob();
    job.setJobName("com.example.Mailer.send(bob@example.com)");
    Attributes attributes = describe(job, false);
    assertNull(attributes.get(JOB_NAME), "JobRunr's default name holds the argument values");
    assertNull(attributes.get(ARGUMENTS));
    assertEquals("com.example.Mailer.send(java.lang.String)",
        attributes.get(AttributeKey.stringKey("jobrunr.job.signature")));
  }

  @Test
  void aNameTheApplicationChoseIsKeptWithoutArgumentCapture() {
    Job job = mailerJob();
    job.setJobName("Welcome mail");
    assertEquals("Welcome mail", describe(job, false).get(JOB_NAME));
  }

  @Test
  void withArgumentCaptureTheNameAndTheCutArgumentsAreKept() {
    Job job = mailerJob();
    job.setJobName("com.example.Mailer.send(bob@example.com)");
    Attributes attributes = describe(job, true);
    assertEquals("com.example.Mailer.send(bob@example.com)", attributes.get(JOB_NAME));
    assertEquals(List.of("bob@exa"), attributes.get(ARGUMENTS));
  }

  private Attributes describe(Job job, boolean captureArguments) {
    JobRunrSettings settings = JobRunrSettings.from(TracerConfig.of(Map.of(
        JobRunrSettings.CAPTURE_ARGUMENTS, String.valueOf(captureArguments),
        JobRunrSettings.ARGUMENT_MAX_LENGTH, "7"), new ConfigProblems(System.err)));
    Span span = tracerProvider.get("test").spanBuilder("run Mailer.send").startSpan();
    JobDescriptions.describe(span, job, settings);
    span.end();
    return exporter.getFinishedSpanItems().get(0).getAttributes();
  }

  private static Job mailerJob() {
    return new Job(new JobDetails("com.example.Mailer", null, "send",
        List.of(new JobParameter(String.class, "bob@example.com"))));
  }
}
