package example.jobs;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** A job that fails the way Quartz jobs report failure. */
public class FailingJob implements Job {

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    throw new JobExecutionException("the report could not be written");
  }
}
