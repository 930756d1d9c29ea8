package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/** Attribute names: the messaging semantic conventions where they fit, {@code jobrunr.*} for the rest. */
final class JobRunrAttributes {

  static final String SYSTEM = "jobrunr";

  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
  static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<Long> MESSAGING_BATCH_MESSAGE_COUNT =
      AttributeKey.longKey("messaging.batch.message_count");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** JobRunr's own name of the job, as its dashboard shows it. */
  static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("jobrunr.job.name");
  /** Class, method and parameter types: {@code com.example.Mailer.send(java.lang.String)}. */
  static final AttributeKey<String> JOB_SIGNATURE = AttributeKey.stringKey("jobrunr.job.signature");
  static final AttributeKey<List<String>> JOB_LABELS = AttributeKey.stringArrayKey("jobrunr.job.labels");
  /** The retries the job allows itself (its {@code @Job(retries)} or builder setting), when it sets any. */
  static final AttributeKey<Long> JOB_RETRIES = AttributeKey.longKey("jobrunr.job.retries");
  static final AttributeKey<List<String>> JOB_ARGUMENTS = AttributeKey.stringArrayKey("jobrunr.job.arguments");
  /** The state the job was created in: {@code ENQUEUED}, {@code SCHEDULED}, ... */
  static final AttributeKey<String> JOB_STATE = AttributeKey.stringKey("jobrunr.job.state");
  /** 1 for the first run, 2 for the first retry, ... */
  static final AttributeKey<Long> JOB_ATTEMPT = AttributeKey.longKey("jobrunr.job.attempt");
  /** On a failed run that JobRunr will not retry. */
  static final AttributeKey<Boolean> JOB_RETRIES_EXHAUSTED = AttributeKey.booleanKey("jobrunr.job.retries_exhausted");
  static final AttributeKey<String> RECURRING_JOB_ID = AttributeKey.stringKey("jobrunr.recurring_job.id");

  private JobRunrAttributes() {}
}
