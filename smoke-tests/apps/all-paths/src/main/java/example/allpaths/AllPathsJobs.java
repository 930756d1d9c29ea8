package example.allpaths;

/** The JobRunr job {@code /all} enqueues: its argument is the secret, the job itself does nothing with it. */
public final class AllPathsJobs {

  private AllPathsJobs() {}

  public static void remember(String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("a job argument is expected");
    }
  }
}
