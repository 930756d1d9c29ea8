package example.jobs;

import java.util.concurrent.CountDownLatch;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * A job that only says it ran: it touches nothing of its context, whose type is a class in Quartz 1.x and an
 * interface in 2.x. Outside the agent's packages, so that it would be instrumented like application code.
 */
public class CountingDownJob implements Job {

  public static final CountDownLatch RAN = new CountDownLatch(1);

  @Override
  public void execute(JobExecutionContext context) {
    RAN.countDown();
  }
}
