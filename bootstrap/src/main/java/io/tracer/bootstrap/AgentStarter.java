package io.tracer.bootstrap;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Creates the isolated {@link AgentClassLoader} and runs the installer inside it. Loaded from the bootstrap class
 * path by {@link TracerPremain}.
 */
public final class AgentStarter {

  private static final String INSTALLER = "io.tracer.agent.TracerInstaller";

  private AgentStarter() {}

  public static void start(Instrumentation instrumentation, String agentArgs, File agentJar) throws Exception {
    AgentClassLoader agentLoader = new AgentClassLoader(new JarFile(agentJar, false), agentJar);
    Class<?> installer = agentLoader.loadClass(INSTALLER);
    installer
        .getMethod("install", Instrumentation.class, String.class, AgentClassLoader.class)
        .invoke(null, instrumentation, agentArgs, agentLoader);
  }
}
