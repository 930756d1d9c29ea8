package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.tracer.instrumentation.api.AgentLog;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jobrunr.jobs.AbstractJob;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.JobParameter;

/**
 * What spans say about a job. Span names use the job's class and method ({@code Mailer.send}): JobRunr's own job
 * name is by default the call with its argument values ({@code com.example.Mailer.send(bob@example.com)}), far too
 * many distinct names for a span and possibly personal data, so it is recorded only when the application chose it
 * or argument capture is on.
 */
final class JobDescriptions {

  /** {@code Set<String> getLabels()} in 6.x, {@code List<String> getLabels()} from 7.0 on: called reflectively. */
  private static final Method GET_LABELS = labelsGetter();

  private JobDescriptions() {}

  /** {@code Mailer.send}, or {@code System.out.println} for a call on a static field. */
  static String shortName(JobDetails details) {
    String className = details.getClassName();
    return methodPath(className.substring(className.lastIndexOf('.') + 1), details);
  }

  /** {@code com.example.Mailer.send}. */
  static String qualifiedName(JobDetails details) {
    return methodPath(details.getClassName(), details);
  }

  private static String methodPath(String className, JobDetails details) {
    String staticField = details.getStaticFieldName();
    return staticField == null
        ? className + "." + details.getMethodName()
        : className + "." + staticField + "." + details.getMethodName();
  }

  static boolean isIgnored(AbstractJob job) {
    JobDetails details = job.getJobDetails();
    return details != null
        && JobRunrSettings.current().isIgnored(qualifiedName(details), shortName(details));
  }

  /** The attributes no sampler needs: only for spans that record. */
  static void describe(Span span, AbstractJob job) {
    describe(span, job, JobRunrSettings.current());
  }

  static void describe(Span span, AbstractJob job, JobRunrSettings settings) {
    JobDetails details = job.getJobDetails();
    setIfPresent(span, JobRunrAttributes.JOB_SIGNATURE, job.getJobSignature());
    String jobName = job.getJobName();
    if (jobName != null && (settings.captureArguments() || !isGeneratedName(jobName, details))) {
      span.setAttribute(JobRunrAttributes.JOB_NAME, jobName);
    }
    List<String> labels = labels(job);
    if (!labels.isEmpty()) {
      span.setAttribute(JobRunrAttributes.JOB_LABELS, labels);
    }
    Integer retries = job.getAmountOfRetries();
    if (retries != null) {
      span.setAttribute(JobRunrAttributes.JOB_RETRIES, (long) retries);
    }
    if (settings.captureArguments() && details != null) {
      span.setAttribute(JobRunrAttributes.JOB_ARGUMENTS, arguments(details, settings.argumentMaxLength()));
    }
  }

  /** JobRunr's default name is the qualified call followed by its argument values in parentheses. */
  private static boolean isGeneratedName(String jobName, JobDetails details) {
    if (details == null) {
      return false;
    }
    String call = qualifiedName(details);
    return jobName.length() > call.length() && jobName.startsWith(call) && jobName.charAt(call.length()) == '(';
  }

  private static List<String> arguments(JobDetails details, int maxLength) {
    List<JobParameter> parameters = details.getJobParameters();
    List<String> values = new ArrayList<>(parameters.size());
    for (JobParameter parameter : parameters) {
      String value = String.valueOf(parameter.getObject());
      values.add(value.length() > maxLength ? value.substring(0, maxLength) : value);
    }
    return values;
  }

  private static List<String> labels(AbstractJob job) {
    List<String> labels = new ArrayList<>();
    if (GET_LABELS == null) {
      return labels;
    }
    try {
      Object value = GET_LABELS.invoke(job);
      if (value instanceof Collection) {
        for (Object label : (Collection<?>) value) {
          labels.add(String.valueOf(label));
        }
      }
    } catch (ReflectiveOperationException e) {
      AgentLog.debug("could not read JobRunr job labels: " + e);
    }
    return labels;
  }

  private static Method labelsGetter() {
    try {
      return AbstractJob.class.getMethod("getLabels");
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static <T> void setIfPresent(Span span, AttributeKey<T> key, T value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }
}
