package io.tracer.smoke.app.jobrunr;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jobrunr.jobs.JobId;
import org.jobrunr.scheduling.JobScheduler;

/** {@code GET /enqueue?job=query|fail&marker=...}: enqueues that job and answers its id. */
public final class EnqueueServlet extends HttpServlet {

  private final transient JobScheduler jobScheduler;

  EnqueueServlet(JobScheduler jobScheduler) {
    this.jobScheduler = jobScheduler;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String marker = request.getParameter("marker");
    JobId jobId = "fail".equals(request.getParameter("job"))
        ? jobScheduler.enqueue(() -> SmokeJobs.failWithOneRetry(marker))
        : jobScheduler.enqueue(() -> SmokeJobs.query(marker));
    response.setContentType("text/plain");
    response.getWriter().write(jobId.toString());
  }
}
