package io.tracer.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The {@code Premain-Class} of tracer.jar. The JVM loads it through the system class loader; it puts the jar on
 * the bootstrap class path and hands over to {@link AgentStarter} loaded from there, so that every class loader
 * (JDK classes included) sees one copy of the bootstrap classes. It never throws into the JVM's start-up.
 */
public final class TracerPremain {

  private TracerPremain() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    try {
      if (EnabledSwitch.disabled(agentArgs)) {
        System.err.println("[tracer] otel.enabled=false: the agent installs nothing");
        return;
      }
      File jar = new File(TracerPremain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      Class.forName("io.tracer.bootstrap.AgentStarter", true, null)
          .getMethod("start", Instrumentation.class, String.class, File.class)
          .invoke(null, instrumentation, agentArgs, jar);
    } catch (Throwable failure) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      System.err.println("[tracer] agent not started, the application runs untraced: " + cause);
    }
  }
}
