package example.allpaths;

import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** The Quartz job {@code /all} schedules: its {@code JobDataMap} holds the secret, which it only reads. */
public final class RememberJob implements Job {

  static final String SECRET_KEY = "password";

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    if (context.getMergedJobDataMap().getString(SECRET_KEY) == null) {
      throw new JobExecutionException("no " + SECRET_KEY + " in the job's data");
    }
  }
}
