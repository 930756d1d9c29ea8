package example.pools;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * An executor of the kind libraries write: one loop thread, made by a ThreadFactory on first use, maybe inside a
 * traced request. Outside the agent's own packages, so that it is instrumented like application code.
 */
public final class LazyLoopExecutor implements Executor {
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final ThreadFactory factory = new LoopThreadFactory();
  private Thread thread;

  @Override
  public synchronized void execute(Runnable task) {
    if (thread == null) {
      thread = factory.newThread(this::loop);
      thread.start();
    }
    queue.add(task);
  }

  private void loop() {
    try {
      while (true) {
        queue.take().run();
      }
    } catch (InterruptedException stopped) {
      Thread.currentThread().interrupt();
    }
  }

  public synchronized void stop() {
    if (thread != null) {
      thread.interrupt();
    }
  }

  private static final class LoopThreadFactory implements ThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      return new Thread(task, "lazy-loop");
    }
  }
}
