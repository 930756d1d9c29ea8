package io.tracer.smoke.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} in headless mode, to look at a page as a person would: its DOM once its scripts have
 * run, or a screenshot. It may only reach loopback: every other host name resolves to nothing and any other
 * address goes to a dead local proxy. Chromium is not part of the build: where it is not installed, or does not run,
 * the test is skipped with the reason (in CI too), never failed.
 */
public final class HeadlessChromium {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
  /** Virtual time the page gets to load its scripts and data before the DOM or the screenshot is taken. */
  private static final int VIRTUAL_TIME_BUDGET_MILLIS = 15_000;

  private final Path executable;
  private final Path workDirectory;
  private int runs;

  private HeadlessChromium(Path executable, Path workDirectory) {
    this.executable = executable;
    this.workDirectory = workDirectory;
  }

  /** Chromium from the PATH, working (profile, output) in {@code workDirectory}; the test is skipped without it. */
  public static HeadlessChromium require(Path workDirectory) throws IOException {
    Path executable = null;
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Paths.get(directory, name);
        if (Files.isExecutable(candidate)) {
          executable = executable == null ? candidate : executable;
        }
      }
    }
    Assumptions.assumeTrue(executable != null,
        "headless Chromium is not installed (apt-get install -y chromium): the page check is skipped");
    return new HeadlessChromium(executable, Files.createDirectories(workDirectory));
  }

  /** The page's DOM as its scripts left it. */
  public String renderedDom(String url) throws IOException, InterruptedException {
    Path dom = workDirectory.resolve("dom-" + (++runs) + ".html");
    run(url, List.of("--dump-dom"), dom);
    return Files.readString(dom, StandardCharsets.UTF_8);
  }

  /** A PNG of the page as a 1400x900 window shows it, kept at {@code png}. */
  public void screenshot(String url, Path png) throws IOException, InterruptedException {
    run(url, List.of("--screenshot=" + png.toAbsolutePath()), workDirectory.resolve("screenshot-" + (++runs) + ".log"));
    Assumptions.assumeTrue(Files.size(png) > 0, "Chromium wrote no screenshot: " + png);
  }

  private void run(String url, List<String> what, Path stdout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check",
        "--user-data-dir=" + workDirectory.resolve("profile").toAbsolutePath(),
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
        "--proxy-server=http://127.0.0.1:9",
        "--window-size=1400,900", "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS));
    command.addAll(what);
    command.add(url);
    Path stderr = workDirectory.resolve("chromium-" + runs + ".stderr.log");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    boolean ended = process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    // a browser that does not run here says nothing about the page: skip, with where to look
    Assumptions.assumeTrue(ended && process.exitValue() == 0, "headless Chromium "
        + (ended ? "ended with exit code " + process.exitValue() : "did not finish within " + RUN_TIMEOUT)
        + "; see " + stderr);
  }
}
