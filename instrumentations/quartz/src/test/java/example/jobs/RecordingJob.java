package example.jobs;

import io.tracer.instrumentation.api.AgentServices;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * A job that starts a span of its own. Outside the agent's packages, so that it is instrumented
 * like application code.
 */
public class RecordingJob implements Job {

  @Override
  public void execute(JobExecutionContext context) {
    AgentServices.tracer("quartz-test").spanBuilder("inside " + context.getJobDetail().getKey().getName())
        .startSpan().end();
  }
}
