package io.tracer.instrumentation.jobrunr;

import io.opentelemetry.api.trace.Span;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** A job request for {@code JobRequestScheduler}; serialized into the job, hence the bean shape. */
public class GreetingRequest implements JobRequest {

  private String marker;

  public GreetingRequest() {}

  public GreetingRequest(String marker) {
    this.marker = marker;
  }

  public String getMarker() {
    return marker;
  }

  @Override
  public Class<? extends JobRequestHandler> getJobRequestHandler() {
    return GreetingRequestHandler.class;
  }

  /** Runs the request. */
  public static class GreetingRequestHandler implements JobRequestHandler<GreetingRequest> {
    @Override
    public void run(GreetingRequest request) {
      TestJobs.CURRENT_SPAN_WHILE_RUNNING.put(request.getMarker(), Span.current().getSpanContext());
    }
  }
}
