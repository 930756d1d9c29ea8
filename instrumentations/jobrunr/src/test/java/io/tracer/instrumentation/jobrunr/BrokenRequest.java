package io.tracer.instrumentation.jobrunr;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * A job request whose handler the tests' job activator refuses with an {@code Error}: thrown outside the job's
 * reflective call, it escapes every JobRunr catch and every job filter hook.
 */
public class BrokenRequest implements JobRequest {

  @Override
  public Class<? extends JobRequestHandler> getJobRequestHandler() {
    return BrokenRequestHandler.class;
  }

  /** Never instantiated. */
  public static class BrokenRequestHandler implements JobRequestHandler<BrokenRequest> {
    @Override
    @Job(retries = 0)
    public void run(BrokenRequest request) {
      throw new AssertionError("the activator should have refused this handler");
    }
  }
}
