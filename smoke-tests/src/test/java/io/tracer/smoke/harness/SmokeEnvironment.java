package io.tracer.smoke.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the smoke tests find what they start: the agent jar, the test applications, the JVM to run them on, the
 * folder for their logs (system properties set by the module's surefire configuration, with defaults for a run
 * from the module folder). Something missing skips the test with the reason, except in CI, where it fails.
 */
public final class SmokeEnvironment {

  private SmokeEnvironment() {}

  private static final String TRACER_JAR = "the agent jar (build it with: mvn -DskipTests install)";
  private static final String JAVA = "the java executable of smoke.java.home";

  public static Path tracerJar() {
    return requireFile(tracerJarPath(), TRACER_JAR);
  }

  /** The OpenTelemetry Java agent, which the smoke-tests build copies from Maven Central. */
  public static Path openTelemetryJavaagentJar() {
    return requireFile(Paths.get(System.getProperty("opentelemetry.javaagent.jar",
        "target/opentelemetry-javaagent/opentelemetry-javaagent.jar")),
        "the OpenTelemetry Java agent (the smoke-tests build copies it: mvn -pl smoke-tests process-test-resources)");
  }

  public static Path appJar(String appName) {
    Path appsDir = Paths.get(System.getProperty("smoke.apps.dir", "apps"));
    return requireFile(appsDir.resolve(appName).resolve("target").resolve(appName + ".jar"),
        "the test application " + appName + " (build it with: mvn -DskipTests install)");
  }

  /** The JVM the applications run on: {@code smoke.java.home}, else the one running the tests. */
  public static Path javaExecutable() {
    return requireFile(javaExecutablePath(), JAVA);
  }

  /** What an agent smoke test needs and is missing, described; {@code null} when nothing is. */
  static String missingPrerequisite() {
    if (!Files.isRegularFile(tracerJarPath())) {
      return missing(TRACER_JAR, tracerJarPath());
    }
    if (!Files.isRegularFile(javaExecutablePath())) {
      return missing(JAVA, javaExecutablePath());
    }
    return null;
  }

  public static Path logsDir() {
    return Paths.get(System.getProperty("smoke.logs.dir", "target/smoke-logs")).toAbsolutePath();
  }

  public static boolean inCi() {
    return "true".equals(System.getenv("CI"));
  }

  private static Path tracerJarPath() {
    return Paths.get(System.getProperty("tracer.jar", "../agent/target/tracer.jar")).toAbsolutePath().normalize();
  }

  private static Path javaExecutablePath() {
    String javaHome = System.getProperty("smoke.java.home");
    if (javaHome == null || javaHome.isBlank()) {
      javaHome = System.getProperty("java.home");
    }
    return Paths.get(javaHome, "bin", "java").toAbsolutePath().normalize();
  }

  private static Path requireFile(Path path, String what) {
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      String reason = missing(what, absolute);
      if (inCi()) {
        fail(reason);
      }
      Assumptions.abort(reason);
    }
    return absolute;
  }

  private static String missing(String what, Path path) {
    return "missing " + what + ": " + path;
  }
}
