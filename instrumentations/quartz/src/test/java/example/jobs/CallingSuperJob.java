package example.jobs;

import org.quartz.JobExecutionContext;

/** A job whose execute calls its superclass's, as frameworks' base job classes do. */
public class CallingSuperJob extends RecordingJob {

  @Override
  public void execute(JobExecutionContext context) {
    super.execute(context);
  }
}
